using System.Text.Json;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Configuration;

/// <summary>Reads the rules from <c>{"rules": [...]}</c> or from a whole newswatch.json (other sections are ignored).</summary>
public static class RulesFile
{
    /// <summary>Loads and checks the rules (ids present and unique, queries present); the queries are compiled later.</summary>
    public static IReadOnlyList<RuleDefinition> Load(string path)
    {
        var json = ConfigFileText.Read(path, "rules");

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"{path}: not valid JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                !doc.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new ConfigException($"{path}: expected an object with a \"rules\" array, like {{\"rules\": [{{\"id\": \"ceasefire\", \"query\": \"ceasefire\"}}]}}.");
            }

            return NewsWatchConfigReader.ReadRules(rules, path);
        }
    }
}

using System.CommandLine;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Rules;

namespace NewsWatch.Cli;

/// <summary><c>newswatch match --rules FILE INPUT...</c>: one JSON line per input with the rules that matched.</summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var rulesOption = new Option<FileInfo>("--rules")
        {
            Required = true,
            Description = "A JSON file with {\"rules\": [{\"id\", \"query\"}]}, or a whole newswatch.json.",
        };
        var inputs = new Argument<string[]>("INPUT") { Arity = ArgumentArity.OneOrMore, Description = "Files or URLs of article pages." };
        var command = new Command("match", "Match rules against pages and print the matches with their sentences.") { rulesOption, inputs };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(rulesOption)!, parse.GetValue(inputs)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo rulesFile, string[] inputs, CancellationToken cancellationToken)
    {
        RuleSet rules;
        try
        {
            rules = RuleSet.Compile(RulesFile.Load(rulesFile.FullName));
        }
        catch (Exception ex) when (ex is ConfigException or RuleSyntaxException)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build();
        return await ArticleLoader.ForEachAsync(provider, inputs, (w, input, article) =>
        {
            w.WriteString("input", input);
            w.WriteString("url", article.Url?.AbsoluteUri);
            w.WriteString("title", article.Title);
            w.WriteString("pageType", ExtractCommand.PageTypeName(article.PageType));
            w.WriteStartArray("matches");

            // Only articles and live blogs alert: a home page, section front or tag page reports no matches.
            IReadOnlyList<RuleMatch> matches = article.PageType == PageType.Other ? [] : rules.Match(article.Title, article.Text);
            foreach (var match in matches)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", match.RuleId);
                w.WriteNumber("count", match.Count);
                w.WriteStartArray("snippets");
                foreach (var snippet in match.Snippets)
                {
                    w.WriteStartObject();
                    w.WriteString("field", snippet.Field);
                    w.WriteString("text", snippet.Text);
                    w.WriteStartArray("highlights");
                    foreach (var h in snippet.Highlights)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("start", h.Start);
                        w.WriteNumber("length", h.Length);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken).ConfigureAwait(false);
    }
}

using System.Text.Json;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>Finds and loads the shared corpus (<c>../shared/corpus</c> beside the folder that holds NewsWatch.sln).</summary>
internal static class Corpus
{
    /// <summary>How many pages the corpus has (benchmarks report per page).</summary>
    public const int PageCount = 109;

    /// <summary>The corpus folder; throws with a plain message when it is missing.</summary>
    public static string Root { get; } = Find();

    /// <summary>The 630 phrase rules of the detection corpus.</summary>
    public static IReadOnlyList<RuleDefinition> LoadRules()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "detection", "rules.json")));
        return doc.RootElement.GetProperty("rules").EnumerateArray()
            .Select(r => new RuleDefinition(r.GetProperty("id").GetString()!, r.GetProperty("query").GetString()!))
            .ToList();
    }

    /// <summary>Page id → ground-truth article body.</summary>
    public static IReadOnlyDictionary<string, string> LoadGroundTruth()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "extraction", "ground-truth.json")));
        return doc.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("articleBody").GetString() ?? string.Empty);
    }

    /// <summary>Page id → ids of the rules expected to match.</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> LoadExpected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "detection", "expected.json")));
        return doc.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToHashSet());
    }

    /// <summary>The HTML pages of the extraction corpus, sorted by file name.</summary>
    public static IReadOnlyList<string> HtmlFiles() =>
        Directory.GetFiles(Path.Combine(Root, "extraction", "html"), "*.html").Order(StringComparer.Ordinal).ToList();

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("NEWSWATCH_CORPUS");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? env : throw new DirectoryNotFoundException($"NEWSWATCH_CORPUS={env} does not exist.");
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsWatch.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new DirectoryNotFoundException($"NewsWatch.sln not found above {AppContext.BaseDirectory}: run the benchmarks from inside the repository.");
        }

        var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
        return Directory.Exists(corpus)
            ? corpus
            : throw new DirectoryNotFoundException($"The corpus is missing: expected it at {corpus} (or set NEWSWATCH_CORPUS). The benchmarks need it.");
    }
}

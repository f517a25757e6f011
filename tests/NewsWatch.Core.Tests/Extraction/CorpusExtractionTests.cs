using System.Globalization;
using System.Text.Json;
using NewsWatch.Core.Extraction;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Extraction;

/// <summary>
/// Sanity properties over the shared corpus of real pages that any decent extractor has. Never exact
/// per-page answers: the scorer in ../shared/tools measures quality, these only catch regressions.
/// </summary>
public sealed class CorpusExtractionTests
{
    [CorpusFact]
    public void Extract_EveryCorpusPage_GivesPlausibleText()
    {
        var dir = Path.Combine(RepoPaths.Corpus!, "extraction");
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ground-truth.json")));
        var extractor = new ArticleExtractor();
        var recalls = new List<double>();
        var failures = new List<string>();

        foreach (var page in truth.RootElement.EnumerateObject())
        {
            var file = Path.Combine(dir, "html", page.Name + ".html");
            var article = extractor.Extract(File.ReadAllText(file), null);
            if (string.IsNullOrWhiteSpace(article.Text))
            {
                failures.Add($"{page.Name}: empty text");
                continue;
            }

            var firstLine = article.Text.Split('\n', 2)[0].Trim();
            if (article.Title is { Length: > 0 } title && string.Equals(firstLine, title.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{page.Name}: text starts with the headline");
            }

            recalls.Add(ShingleRecall(page.Value.GetProperty("articleBody").GetString() ?? string.Empty, article.Text));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var mean = recalls.Average();
        Assert.True(mean >= 0.9, $"mean shingle recall {mean.ToString("F3", CultureInfo.InvariantCulture)} < 0.9");
    }

    /// <summary>Share of the truth's 4-token shingles (multiset) that the extraction also has.</summary>
    private static double ShingleRecall(string truth, string extracted)
    {
        var expected = Shingles(truth);
        var got = Shingles(extracted);
        int total = 0, hit = 0;
        foreach (var (shingle, count) in expected)
        {
            total += count;
            hit += Math.Min(count, got.GetValueOrDefault(shingle));
        }

        return total == 0 ? 1 : (double)hit / total;
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        var shingles = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = Math.Min(4, tokens.Count);
        for (var i = 0; n > 0 && i + n <= tokens.Count; i++)
        {
            var key = string.Join('\u0001', tokens.GetRange(i, n));
            shingles[key] = shingles.GetValueOrDefault(key) + 1;
        }

        return shingles;
    }
}

using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace NewsWatch.Benchmarks;

/// <summary>
/// The naive baseline for <see cref="RuleMatchingBenchmarks"/>: one case-insensitive <see cref="Regex"/> per
/// rule (its terms as <c>\bword\W+word\b</c> alternatives), each run over every article.
/// </summary>
[MemoryDiagnoser]
public class RegexBaselineBenchmarks
{
    private string[] _articles = [];
    private Regex[] _regexes = [];

    /// <summary>How many rules (one regex each).</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int RuleCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        _regexes = SyntheticRules.Make(RuleCount, false, _articles).Select(r => ToRegex(r.Query)).ToArray();
    }

    /// <summary>Matches the whole corpus; reported per article.</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount)]
    public int MatchCorpus()
    {
        var matched = 0;
        foreach (var article in _articles)
        {
            foreach (var regex in _regexes)
            {
                if (regex.IsMatch(article))
                {
                    matched++;
                }
            }
        }

        return matched;
    }

    internal static Regex ToRegex(string query)
    {
        var terms = Regex.Matches(query, "\"([^\"]+)\"|([\\p{L}\\p{N}]+)")
            .Where(m => m.Value is not ("OR" or "AND" or "NOT"))
            .Select(m => @"\b" + string.Join(@"\W+", (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)) + @"\b");
        return new Regex(string.Join('|', terms), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    }
}

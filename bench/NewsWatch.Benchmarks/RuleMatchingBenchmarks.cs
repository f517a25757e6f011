using BenchmarkDotNet.Attributes;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// Matches every ground-truth article of the corpus against <see cref="RuleCount"/> rules: the corpus rules,
/// then synthetic ones (see <see cref="SyntheticRules"/>); <see cref="Structured"/> mixes in NEAR, fields, COUNT
/// and Boolean structure. One operation is one article; M chars/s = chars per article (printed) / mean.
/// Run with <c>--job short</c> on a shared machine (see docs/rules.md, "Matcher performance").
/// </summary>
[MemoryDiagnoser]
public class RuleMatchingBenchmarks
{
    private string[] _articles = [];
    private RuleSet _rules = null!;

    /// <summary>How many rules are compiled.</summary>
    [Params(10, 100, 1_000, 10_000, 100_000)]
    public int RuleCount { get; set; }

    /// <summary>Whether a third of the synthetic rules have NEAR or Boolean structure.</summary>
    [Params(false, true)]
    public bool Structured { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        if (_articles.Length != Corpus.PageCount)
        {
            throw new InvalidOperationException($"Expected {Corpus.PageCount} articles in the corpus, found {_articles.Length}: update Corpus.PageCount.");
        }

        _rules = RuleSet.Compile(SyntheticRules.Make(RuleCount, Structured, _articles));
        Console.WriteLine($"// {_articles.Length} articles, {_articles.Average(a => a.Length):F0} chars each on average, {RuleCount} rules");
    }

    /// <summary>Matches the whole corpus; reported per article.</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount)]
    public int MatchCorpus()
    {
        var matched = 0;
        foreach (var article in _articles)
        {
            matched += _rules.Match(null, article).Count;
        }

        return matched;
    }

    /// <summary>The same, selecting the matching rules without building their results (terms, hits, snippets).</summary>
    [Benchmark(OperationsPerInvoke = Corpus.PageCount)]
    public int SelectCorpus()
    {
        var matched = 0;
        foreach (var article in _articles)
        {
            matched += _rules.CountMatches(null, article);
        }

        return matched;
    }
}

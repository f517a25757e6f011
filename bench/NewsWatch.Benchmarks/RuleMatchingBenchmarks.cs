using BenchmarkDotNet.Attributes;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// Matches every ground-truth article of the corpus against the 630 corpus rules, or against those plus
/// synthetic rules (random two- and three-word phrases and OR/NOT combinations of corpus words) up to
/// <see cref="RuleCount"/>. One operation is one article; M chars/s = <see cref="CharsPerArticle"/> / mean.
/// </summary>
[MemoryDiagnoser]
public class RuleMatchingBenchmarks
{
    private string[] _articles = [];
    private RuleSet _rules = null!;

    /// <summary>How many rules are compiled.</summary>
    [Params(630, 10_000)]
    public int RuleCount { get; set; }

    /// <summary>Average article length in chars (printed at setup, for M chars/s).</summary>
    public double CharsPerArticle { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        CharsPerArticle = _articles.Average(a => a.Length);
        var rules = Corpus.LoadRules().ToList();
        var words = _articles.SelectMany(a => a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', ',', '"', '“', '”', '(', ')', ':', ';', '?', '!'))
            .Where(w => w.Length > 2 && w.All(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var random = new Random(42);
        while (rules.Count < RuleCount)
        {
            string Word() => words[random.Next(words.Length)];
            var query = random.Next(10) switch
            {
                < 6 => $"\"{Word()} {Word()}\"",
                < 8 => $"\"{Word()} {Word()} {Word()}\"",
                8 => $"{Word()} OR \"{Word()} {Word()}\"",
                _ => $"\"{Word()} {Word()}\" NOT {Word()}",
            };
            rules.Add(new RuleDefinition($"s{rules.Count}", query));
        }

        _rules = RuleSet.Compile(rules);
        if (_articles.Length != Corpus.PageCount)
        {
            throw new InvalidOperationException($"Expected {Corpus.PageCount} articles in the corpus, found {_articles.Length}: update Corpus.PageCount.");
        }

        Console.WriteLine($"// {_articles.Length} articles, {CharsPerArticle:F0} chars each on average, {RuleCount} rules");
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
}

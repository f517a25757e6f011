using System.Diagnostics;
using System.Globalization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// Two variants of the matcher in one process (<c>rule-curve ab</c> mode): the same compiled rule set with
/// <see cref="RuleSet.Baseline"/> on (A: the previous code path of the change being measured) and off (B), timed in
/// alternating passes over the articles (or per article, "hot"), and each article's fastest run of each kept. The
/// other sessions' turns and cache pressure then fall on both variants alike, so that a small difference is
/// visible on a loaded machine; with no change behind the switch, the B/A column shows the noise floor.
/// </summary>
internal static class RuleAbRun
{
    private static long s_read;

    /// <summary>What is timed: <see cref="RuleSet.Match"/>; <see cref="RuleSet.Match"/> and reading every part of every result (as the CLI and the alerts do); selection only.</summary>
    private enum Mode
    {
        Match,
        MatchAndRead,
        Select,
    }

    /// <summary>
    /// Arguments: repeats, rule counts (10,10000), then optional "rare", "tenth", "hot" (alternate per article,
    /// each timed right after the other variant ran it, instead of per pass over all articles).
    /// </summary>
    public static int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        int[] counts = args.Length > 1 ? args[1].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 10_000];
        var rare = args.Contains("rare");
        var structuredEvery = args.Contains("tenth") ? 10 : 3;
        var hot = args.Contains("hot");
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        Console.WriteLine($"A/B in one process: A = baseline path, B = current; {articles.Length} articles, best of {repeats} per article and variant, {(rare ? "rare" : "corpus-word")} mix, structured: one rule in {structuredEvery}, alternating per {(hot ? "article (hot)" : "pass")}; {Machine.Describe()}");
        // A discarded round at 1,000 structured rules first: until Match and what it calls have been through tiered
        // JIT (and its reading of results too), the first measured row came out slower than the rows after it.
        var warmRules = RuleSet.Compile(SyntheticRules.Make(1_000, true, articles, rare));
        foreach (var mode in new[] { Mode.Match, Mode.MatchAndRead, Mode.Select })
        {
            Measure(warmRules, articles, 1, mode, hot);
        }

        Console.WriteLine("| rules | set | A M chars/s | B M chars/s | B/A | articles faster under B |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var n in counts)
        {
            var plain = RuleSet.Compile(SyntheticRules.Make(n, false, articles, rare));
            var structured = RuleSet.Compile(SyntheticRules.Make(n, true, articles, rare, structuredEvery));
            Report(n, "plain", plain, articles, repeats, Mode.Match, hot);
            Report(n, "plain, match + reading every result", plain, articles, repeats, Mode.MatchAndRead, hot);
            Report(n, "plain, selection only", plain, articles, repeats, Mode.Select, hot);
            Report(n, "structured", structured, articles, repeats, Mode.Match, hot);
        }

        Console.WriteLine($"load at the end {Machine.LoadAverage()} ({s_read % 10})");
        return 0;
    }

    private static void Report(int n, string name, RuleSet rules, string[] articles, int repeats, Mode select, bool hot)
    {
        var (a, b, faster) = Measure(rules, articles, repeats, select, hot);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n:N0} | {name} | {a:F1} | {b:F1} | {b / a:F3} | {faster} of {articles.Length} |"));
    }

    private static (double A, double B, int FasterUnderB) Measure(RuleSet rules, string[] articles, int repeats, Mode select, bool hot)
    {
        // The two paths must agree (the property tests check the current one against the reference matcher).
        foreach (var article in articles)
        {
            rules.Baseline = true;
            var a = rules.CountMatches(null, article);
            var aMatches = rules.Match(null, article);
            rules.Baseline = false;
            if (a != rules.CountMatches(null, article) || !Same(aMatches, rules.Match(null, article)))
            {
                throw new InvalidOperationException("The baseline and the current path disagree.");
            }
        }

        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1500)
        {
            foreach (var article in articles)
            {
                rules.Baseline = !rules.Baseline;
                Run(rules, article, select);
            }
        }

        var fastest = new long[2, articles.Length];
        for (var i = 0; i < articles.Length; i++)
        {
            fastest[0, i] = fastest[1, i] = long.MaxValue;
        }

        for (var r = 0; r < repeats; r++)
        {
            if (hot)
            {
                // Per article: A and B back to back (the second finds the article in the cache; the order alternates).
                for (var i = 0; i < articles.Length; i++)
                {
                    for (var k = 0; k < 2; k++)
                    {
                        Time(rules, articles, i, ((r + i) & 1) ^ k, select, fastest);
                    }
                }
            }
            else
            {
                // Per pass: every article under one variant, then under the other (about a millisecond each), as
                // rule-curve times them (an article's text and words are no longer in the nearest caches).
                for (var k = 0; k < 2; k++)
                {
                    for (var i = 0; i < articles.Length; i++)
                    {
                        Time(rules, articles, i, (r & 1) ^ k, select, fastest);
                    }
                }
            }
        }

        rules.Baseline = false;
        var chars = articles.Sum(x => (long)x.Length);
        long sumA = 0, sumB = 0;
        var faster = 0;
        for (var i = 0; i < articles.Length; i++)
        {
            sumA += fastest[0, i];
            sumB += fastest[1, i];
            faster += fastest[1, i] < fastest[0, i] ? 1 : 0;
        }

        double Speed(long ticks) => chars / (ticks / (double)Stopwatch.Frequency) / 1e6;
        return (Speed(sumA), Speed(sumB), faster);
    }

    private static void Time(RuleSet rules, string[] articles, int i, int variant, Mode select, long[,] fastest)
    {
        rules.Baseline = variant == 0;
        var start = Stopwatch.GetTimestamp();
        Run(rules, articles[i], select);
        fastest[variant, i] = Math.Min(fastest[variant, i], Stopwatch.GetTimestamp() - start);
    }

    /// <summary>Whether two lists of results are the same, field by field (records compare their lists by reference).</summary>
    private static bool Same(IReadOnlyList<RuleMatch> a, IReadOnlyList<RuleMatch> b) =>
        a.Count == b.Count && a.Zip(b).All(p =>
            p.First.RuleId == p.Second.RuleId && p.First.Count == p.Second.Count
            && p.First.Terms.SequenceEqual(p.Second.Terms) && p.First.Hits.SequenceEqual(p.Second.Hits)
            && p.First.Snippets.Count == p.Second.Snippets.Count
            && p.First.Snippets.Zip(p.Second.Snippets).All(s => s.First.Field == s.Second.Field && s.First.Text == s.Second.Text
                && s.First.Highlights.SequenceEqual(s.Second.Highlights)));

    private static void Run(RuleSet rules, string article, Mode mode)
    {
        switch (mode)
        {
            case Mode.Select:
                rules.CountMatches(null, article);
                break;
            case Mode.MatchAndRead:
                s_read += RuleCurveRun.ReadAll(rules.Match(null, article));
                break;
            default:
                rules.Match(null, article);
                break;
        }
    }
}

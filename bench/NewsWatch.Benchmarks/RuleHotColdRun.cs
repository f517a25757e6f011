using System.Diagnostics;
using System.Globalization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// What a match costs, and how much of it is waiting for memory (<c>rule-curve hotcold</c> mode): per article,
/// <c>Match</c> against <c>CountMatches</c> (the selection and evaluation without results), once with each article
/// run many times in a row (hot: its rules' data stays in the caches) and once in corpus order (cold: 108 other
/// articles between two runs of one, as in a scan). The difference over the matches is the cost of one result;
/// cold minus hot is what the cache misses add, to a result and to the selection.
/// </summary>
internal static class RuleHotColdRun
{
    /// <summary>Arguments: the rule count (10,000), then optional "rare" and "tenth", as the curve.</summary>
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var rare = args.Contains("rare");
        var structuredEvery = args.Contains("tenth") ? 10 : 3;
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        var rules = RuleSet.Compile(SyntheticRules.Make(count, true, articles, rare, structuredEvery));
        var matches = articles.Sum(a => rules.Match(null, a).Count);
        Console.WriteLine($"Hot and cold, {count:N0} rules ({(rare ? "rare" : "corpus-word")} mix, one in {structuredEvery} structured), {articles.Length} articles, {matches / (double)articles.Length:F2} matches per article; {Machine.Describe()}");
        Console.WriteLine("| round | hot Match ns/article | hot CountMatches | hot ns per match | cold Match | cold CountMatches | cold ns per match |");
        Console.WriteLine("|---|---|---|---|---|---|---|");

        // The first rounds see the tiers of the JIT: the last is the figure.
        for (var round = 1; round <= 5; round++)
        {
            long hotMatch = 0, hotCount = 0;
            foreach (var article in articles)
            {
                long bestMatch = long.MaxValue, bestCount = long.MaxValue;
                for (var i = 0; i < 30; i++)
                {
                    bestMatch = Math.Min(bestMatch, Time(() => rules.Match(null, article)));
                    bestCount = Math.Min(bestCount, Time(() => rules.CountMatches(null, article)));
                }

                hotMatch += bestMatch;
                hotCount += bestCount;
            }

            var coldMatch = new long[articles.Length];
            var coldCount = new long[articles.Length];
            Array.Fill(coldMatch, long.MaxValue);
            Array.Fill(coldCount, long.MaxValue);
            for (var r = 0; r < 20; r++)
            {
                for (var i = 0; i < articles.Length; i++)
                {
                    coldMatch[i] = Math.Min(coldMatch[i], Time(() => rules.Match(null, articles[i])));
                }

                for (var i = 0; i < articles.Length; i++)
                {
                    coldCount[i] = Math.Min(coldCount[i], Time(() => rules.CountMatches(null, articles[i])));
                }
            }

            double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
            var n = articles.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {Ns(hotMatch) / n:F0} | {Ns(hotCount) / n:F0} | {Ns(hotMatch - hotCount) / matches:F0} | {Ns(coldMatch.Sum()) / n:F0} | {Ns(coldCount.Sum()) / n:F0} | {Ns(coldMatch.Sum() - coldCount.Sum()) / matches:F0} |"));
        }

        return 0;
    }

    private static long Time(Action run)
    {
        var start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetTimestamp() - start;
    }
}

using System.Diagnostics;
using System.Globalization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// The goal's ratio in one process (<c>rule-curve ratio</c> mode): the cost at many rules over the cost at 10 rules
/// of the same mix, the two rule sets timed in alternating passes over the articles and each article's fastest run
/// of each kept, as <see cref="RuleAbRun"/> does for two code paths. A slow phase of the machine (other sessions,
/// another tenant's load) then falls on both counts alike instead of on whichever row it happened to meet.
/// </summary>
internal static class RuleRatioRun
{
    private static long s_read;
    private static bool s_blocked;

    /// <summary>
    /// Arguments: repeats, the larger rule count (10000), then optional "rare" and "tenth", as the curve, and
    /// "blocked" (the first half of the passes all of the 10-rule set, the second half all of the other, instead of
    /// alternating them: each set gets half the repeats).
    /// </summary>
    public static int Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var many = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var rare = args.Contains("rare");
        s_blocked = args.Contains("blocked");
        var structuredEvery = args.Contains("tenth") ? 10 : 3;
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        Console.WriteLine($"Ratio in one process: 10 rules against {many:N0}, {articles.Length} articles, best of {repeats} per article and set, {(rare ? "rare" : "corpus-word")} mix, structured: one rule in {structuredEvery}, alternating per pass; {Machine.Describe()}");
        var warm = RuleSet.Compile(SyntheticRules.Make(1_000, true, articles, rare));
        foreach (var mode in new[] { 0, 1, 2 })
        {
            Measure(warm, warm, articles, 1, mode);
        }

        Console.WriteLine($"| set | 10 rules M chars/s | {many:N0} rules M chars/s | cost at {many:N0} / cost at 10 |");
        Console.WriteLine("|---|---|---|---|");
        var plainFew = RuleSet.Compile(SyntheticRules.Make(10, false, articles, rare));
        var plainMany = RuleSet.Compile(SyntheticRules.Make(many, false, articles, rare));
        var structuredFew = RuleSet.Compile(SyntheticRules.Make(10, true, articles, rare, structuredEvery));
        var structuredMany = RuleSet.Compile(SyntheticRules.Make(many, true, articles, rare, structuredEvery));
        Report("plain", plainFew, plainMany, articles, repeats, 0);
        Report("plain, match + reading every result", plainFew, plainMany, articles, repeats, 1);
        Report("plain, selection only", plainFew, plainMany, articles, repeats, 2);
        Report("structured", structuredFew, structuredMany, articles, repeats, 0);
        Console.WriteLine($"({s_read % 10})");
        return 0;
    }

    private static void Report(string name, RuleSet few, RuleSet many, string[] articles, int repeats, int mode)
    {
        var (a, b) = Measure(few, many, articles, repeats, mode);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {a:F1} | {b:F1} | {a / b:F3} |"));
    }

    private static (double Few, double Many) Measure(RuleSet few, RuleSet many, string[] articles, int repeats, int mode)
    {
        RuleSet[] sets = [few, many];
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1500)
        {
            foreach (var article in articles)
            {
                Run(few, article, mode);
                Run(many, article, mode);
            }
        }

        var fastest = new long[2, articles.Length];
        for (var i = 0; i < articles.Length; i++)
        {
            fastest[0, i] = fastest[1, i] = long.MaxValue;
        }

        for (var r = 0; r < repeats; r++)
        {
            for (var k = 0; k < 2; k++)
            {
                var s = s_blocked ? (2 * r < repeats ? 0 : 1) : (r & 1) ^ k;
                if (s_blocked && k == 1)
                {
                    continue;
                }

                for (var i = 0; i < articles.Length; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    Run(sets[s], articles[i], mode);
                    fastest[s, i] = Math.Min(fastest[s, i], Stopwatch.GetTimestamp() - start);
                }
            }
        }

        var chars = articles.Sum(x => (long)x.Length);
        long sumFew = 0, sumMany = 0;
        for (var i = 0; i < articles.Length; i++)
        {
            sumFew += fastest[0, i];
            sumMany += fastest[1, i];
        }

        double Speed(long ticks) => chars / (ticks / (double)Stopwatch.Frequency) / 1e6;
        return (Speed(sumFew), Speed(sumMany));
    }

    private static void Run(RuleSet rules, string article, int mode)
    {
        switch (mode)
        {
            case 2:
                rules.CountMatches(null, article);
                break;
            case 1:
                s_read += RuleCurveRun.ReadAll(rules.Match(null, article));
                break;
            default:
                rules.Match(null, article);
                break;
        }
    }
}

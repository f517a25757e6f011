using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// A quick, non-BenchmarkDotNet view of the matcher curve (<c>rule-curve</c> mode): for 10 .. 100,000 rules, the
/// compile time, the memory the compiled set keeps, M chars/s over the corpus articles (plain and structured rules,
/// CPU time of the process, best of the repeats, one thread), matches and bytes allocated per article, bytes allocated by an article that
/// matches nothing, and one <see cref="Regex"/> per rule as the naive baseline (up to <c>regexMax</c> rules).
/// </summary>
internal static class RuleCurveRun
{
    // Where the checksums of reading results go, so that the reading is not optimised away.
    private static long s_sink;

    public static int Run(string[] args)
    {
        if (args is ["profile", var what, var count, ..])
        {
            return Profile(what == "select", int.Parse(count, CultureInfo.InvariantCulture), args.Contains("rare"), args.Contains("structured") || args.Contains("tenth"), args.Contains("tenth") ? 10 : 3);
        }

        if (args is ["ab", ..])
        {
            return RuleAbRun.Run(args[1..]);
        }

        if (args is ["ratio", ..])
        {
            return RuleRatioRun.Run(args[1..]);
        }

        if (args is ["hotcold", ..])
        {
            return RuleHotColdRun.Run(args[1..]);
        }

        if (args is ["tokenize", ..])
        {
            return Tokenize();
        }

        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var regexMax = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var rare = args.Skip(3).Contains("rare");
        var structuredEvery = args.Skip(3).Contains("tenth") ? 10 : 3;
        int[] counts = args.Length > 2 ? args[2].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 100, 1_000, 10_000, 100_000];
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        var chars = articles.Sum(a => (long)a.Length);

        // Articles that match nothing: the same texts with every Latin letter rotated by 13 (no rule word survives).
        var nothing = articles.Select(Rot13).ToArray();
        Console.WriteLine($"{articles.Length} articles, {chars / 1e6:F2} M chars, best of {repeats}, {(rare ? "rare" : "corpus-word")} rule mix, structured: one rule in {structuredEvery}; {Machine.Describe()}");
        Console.WriteLine("| rules | compile ms | kept MB | plain M chars/s | plain, match + reading every result | plain, selection only | structured M chars/s | matches/article (plain) | B/article (plain) | B/article (selection only) | B/article (structured) | B/no-match article | Regex M chars/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // A first, discarded round at 1,000 structured rules: until Match, CountMatches and what they call have
        // been through tiered JIT, the first measured column came out at half its speed.
        var warmRules = RuleSet.Compile(SyntheticRules.Make(1_000, true, articles, rare));
        Measure(warmRules, articles, 2);
        Measure(warmRules, articles, 2, select: true);
        foreach (var n in counts)
        {
            var plainRules = SyntheticRules.Make(n, false, articles, rare);
            var structuredRules = SyntheticRules.Make(n, true, articles, rare, structuredEvery);
            RuleSet.Compile(structuredRules.Take(100)); // warm the JIT for compiling
            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var structured = RuleSet.Compile(structuredRules);
            process.Refresh();
            var compileMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            structured.Match(null, articles[0]);
            var keptMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
            var plain = RuleSet.Compile(plainRules);
            var (plainSpeed, plainMatches, plainBytes) = Measure(plain, articles, repeats);
            var (readSpeed, _, _) = Measure(plain, articles, repeats, read: true);
            var (selectSpeed, _, selectBytes) = Measure(plain, articles, repeats, select: true);
            var (structuredSpeed, _, structuredBytes) = Measure(structured, articles, repeats);
            var (_, nothingMatches, nothingBytes) = Measure(plain, nothing, 1);
            var regex = n <= regexMax ? RegexSpeed(plainRules, articles).ToString("F1", CultureInfo.InvariantCulture) : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {compileMs:F0} | {keptMb:F1} | {plainSpeed:F1} | {readSpeed:F1} | {selectSpeed:F1} | {structuredSpeed:F1} | {plainMatches:F1} | {plainBytes:F0} | {selectBytes:F0} | {structuredBytes:F0} | {nothingBytes:F0}{(nothingMatches > 0 ? $" ({nothingMatches:F2} matches)" : string.Empty)} | {regex} |"));
            GC.KeepAlive(structured);
        }

        return 0;
    }

    private static (double MCharsPerSecond, double MatchesPerArticle, double BytesPerArticle) Measure(RuleSet rules, string[] articles, int repeats, bool select = false, bool read = false)
    {
        var chars = articles.Sum(a => (long)a.Length);
        var matches = 0L;
        foreach (var a in articles)
        {
            matches += rules.Match(null, a).Count; // the match count
        }

        // Warm-up: until tiered JIT has had its time (it recompiles hot methods in the background after ~100 ms).
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1000)
        {
            foreach (var a in articles)
            {
                rules.Match(null, a);
            }
        }

        // The machine is shared: each article is timed on its own and its fastest run kept, so that the turns
        // of other processes (which land in some runs, not in all) drop out.
        var fastest = new long[articles.Length];
        Array.Fill(fastest, long.MaxValue);
        var bytes = long.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var a = 0; a < articles.Length; a++)
            {
                var start = Stopwatch.GetTimestamp();
                if (select)
                {
                    rules.CountMatches(null, articles[a]);
                }
                else if (read)
                {
                    s_sink += ReadAll(rules.Match(null, articles[a]));
                }
                else
                {
                    rules.Match(null, articles[a]);
                }

                fastest[a] = Math.Min(fastest[a], Stopwatch.GetTimestamp() - start);
            }

            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        var best = TimeSpan.FromSeconds(fastest.Sum() / (double)Stopwatch.Frequency);
        return (chars / best.TotalSeconds / 1e6, matches / (double)articles.Length, bytes / (double)articles.Length);
    }

    /// <summary>Reads every part of every result (terms, hits, snippets and their highlights), as the CLI does; returns a checksum.</summary>
    internal static long ReadAll(IReadOnlyList<RuleMatch> matches)
    {
        long sum = 0;
        foreach (var m in matches)
        {
            sum += m.Count + m.RuleId.Length;
            foreach (var t in m.Terms)
            {
                sum += t.Count + t.Term.Length + t.Field.Length;
            }

            foreach (var h in m.Hits)
            {
                sum += h.Start + h.Length + h.Term.Length + h.Field.Length;
            }

            foreach (var s in m.Snippets)
            {
                sum += s.Text.Length + s.Field.Length;
                foreach (var h in s.Highlights)
                {
                    sum += h.Start + h.Length;
                }
            }
        }

        return sum;
    }

    private static double RegexSpeed(List<RuleDefinition> rules, string[] articles)
    {
        var regexes = rules.Select(r => RegexBaselineBenchmarks.ToRegex(r.Query)).ToArray();
        var chars = articles.Sum(a => (long)a.Length);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var matched = 0;
        foreach (var a in articles)
        {
            foreach (var r in regexes)
            {
                matched += r.IsMatch(a) ? 1 : 0;
            }
        }

        GC.KeepAlive(matched);
        process.Refresh();
        return chars / (process.TotalProcessorTime - cpu).TotalSeconds / 1e6;
    }

    /// <summary>Matches (or only selects) the corpus for 20 s against <paramref name="count"/> plain (or structured: one in <paramref name="structuredEvery"/>) rules, for a profiler.</summary>
    private static int Profile(bool select, int count, bool rare, bool structured, int structuredEvery)
    {
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        var rules = RuleSet.Compile(SyntheticRules.Make(count, structured, articles, rare, structuredEvery));
        var watch = Stopwatch.StartNew();
        var matched = 0L;
        while (watch.Elapsed.TotalSeconds < 20)
        {
            foreach (var a in articles)
            {
                matched += select ? rules.CountMatches(null, a) : rules.Match(null, a).Count;
            }
        }

        Console.WriteLine(matched);
        return 0;
    }

    /// <summary>The floor under every rule count: M chars/s of the tokenizer (fold, split, hash) alone, best of 20 per article.</summary>
    private static int Tokenize()
    {
        var articles = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray();
        var buffer = new TokenBuffer();
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 500)
        {
            foreach (var a in articles)
            {
                buffer.Tokenize(a);
            }
        }

        var fastest = new long[articles.Length];
        Array.Fill(fastest, long.MaxValue);
        for (var i = 0; i < 20; i++)
        {
            for (var a = 0; a < articles.Length; a++)
            {
                var start = Stopwatch.GetTimestamp();
                buffer.Tokenize(articles[a]);
                fastest[a] = Math.Min(fastest[a], Stopwatch.GetTimestamp() - start);
            }
        }

        var seconds = fastest.Sum() / (double)Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tokenizer alone: {articles.Sum(a => (long)a.Length) / seconds / 1e6:F1} M chars/s"));
        return 0;
    }

    private static string Rot13(string text) => string.Create(text.Length, text, static (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            span[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + 13) % 26)),
                >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + 13) % 26)),
                _ => c,
            };
        }
    });
}

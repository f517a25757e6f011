using System.Diagnostics;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// A whole-corpus run in one process, without process start-up: every page extracted, then matched against the 630
/// corpus rules, on one thread and then on every core. Prints pages per second (best of the repeats).
/// </summary>
internal static class CorpusRun
{
    public static int Run(int repeats)
    {
        var pages = Corpus.HtmlFiles().Select(File.ReadAllText).ToList();
        var rules = RuleSet.Compile(Corpus.LoadRules());
        var extractor = new ArticleExtractor();

        // Warm-up: two passes, so that tiered JIT has settled before anything is timed.
        for (var i = 0; i < 2; i++)
        {
            pages.ForEach(p => Process(p, extractor, rules));
        }

        var bytes = pages.Sum(p => (long)p.Length);
        Console.WriteLine($"{pages.Count} pages, {bytes / 1024.0 / 1024.0:F1} M chars of HTML, {rules.Rules.Count} rules, {Environment.ProcessorCount} cores");
        Report("extract, 1 thread", repeats, pages.Count, () => { foreach (var p in pages) { extractor.Extract(p, null); } });
        Report("extract + match, 1 thread", repeats, pages.Count, () => { foreach (var p in pages) { Process(p, extractor, rules); } });
        Report($"extract + match, {Environment.ProcessorCount} threads", repeats, pages.Count, () => Parallel.ForEach(pages, p => Process(p, extractor, rules)));
        var texts = pages.Select(p => extractor.Extract(p, null)).ToList();
        Report("match only, 1 thread", repeats, pages.Count, () => { foreach (var a in texts) { rules.Match(a.Title, a.Text); } });
        return 0;
    }

    private static int Process(string html, ArticleExtractor extractor, RuleSet rules)
    {
        var article = extractor.Extract(html, null);
        return rules.Match(article.Title, article.Text).Count;
    }

    private static void Report(string what, int repeats, int pageCount, Action run)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        Console.WriteLine($"{what,-32} {pageCount / best.TotalSeconds,10:F0} pages/s   ({best.TotalMilliseconds:F0} ms for the corpus, best of {repeats})");
    }
}

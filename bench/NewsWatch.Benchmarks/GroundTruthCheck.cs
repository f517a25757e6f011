using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- ground-truth</c>: matches the corpus rules against every page's ground-truth
/// article text and compares with expected.json. Misses point at tokenisation bugs.
/// </summary>
internal static class GroundTruthCheck
{
    public static int Run()
    {
        var rules = Corpus.LoadRules();
        var queries = rules.ToDictionary(r => r.Id, r => r.Query);
        var set = RuleSet.Compile(rules);
        var truth = Corpus.LoadGroundTruth();
        var expected = Corpus.LoadExpected();
        int tp = 0, fp = 0, fn = 0;
        foreach (var (id, text) in truth.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var found = set.Match(null, text).Select(m => m.RuleId).ToHashSet();
            var want = expected.TryGetValue(id, out var e) ? e : [];
            foreach (var r in found)
            {
                if (want.Contains(r))
                {
                    tp++;
                }
                else
                {
                    fp++;
                    Console.WriteLine($"extra  {id[..12]} {r} {queries[r]}");
                }
            }

            foreach (var r in want.Where(r => !found.Contains(r)))
            {
                fn++;
                Console.WriteLine($"missed {id[..12]} {r} {queries[r]}");
            }
        }

        var precision = tp / (double)Math.Max(1, tp + fp);
        var recall = tp / (double)Math.Max(1, tp + fn);
        Console.WriteLine($"pages {truth.Count}, expected pairs {tp + fn}, found {tp + fp}");
        Console.WriteLine($"precision {precision:F4}  recall {recall:F4}  (tp {tp}, fp {fp}, fn {fn})");
        return 0;
    }
}

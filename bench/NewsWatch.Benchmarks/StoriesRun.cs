using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using NewsWatch.Core.State;
using NewsWatch.Core.Stories;

namespace NewsWatch.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- stories [seed]</c>: precision and recall of "same story" (<see cref="StorySimilarity"/>)
/// on pairs built from the corpus bodies. Positives: a body against a copy edited the way syndication edits it (new
/// headline line, a paragraph added or cut, another template's furniture lines, rewrapping and quote changes, a wire
/// teaser of the first paragraphs, and all of these at once). Negatives: every pair of different corpus articles, the
/// pairs with the most shared rare words (same subject), and those pairs again with the same template lines added to
/// both (two stories of one outlet). Prints the threshold curve and where the index keys would find the candidate.
/// </summary>
internal static partial class StoriesRun
{
    // Template furniture of the kind that leaks past an extractor: generic, not taken from any corpus site.
    private static readonly string[] Furniture =
    [
        "Sign up for our morning newsletter and get the day's top stories delivered to your inbox.",
        "Share this article on Facebook, Twitter, LinkedIn or by email.",
        "Advertisement",
        "Follow us on social media for the latest breaking news and analysis.",
        "Copyright 2026 The Daily Courier. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        "Read more: the stories our editors picked for you this week.",
        "We use cookies to improve your experience on our site and to show you relevant advertising.",
        "Subscribe now for unlimited access to our award-winning journalism from just 1 dollar a week.",
        "Have a news tip? Contact our newsroom securely and in confidence.",
        "Most popular stories today",
        "This article was produced with reporting from wire services and our correspondents.",
        "Download our app to get alerts on the stories that matter to you.",
        "Comments are closed for this article. Please read our community guidelines.",
        "Reporting by staff writers; editing by the world desk.",
        "Related coverage: more on this story and others like it from around the world.",
        "Photo: handout via news agency. Images may be subject to copyright.",
    ];

    public static int Run(int seed)
    {
        var bodies = Corpus.LoadGroundTruth().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)
            .Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        var random = new Random(seed);
        var prints = bodies.Select(StoryFingerprint.Compute).ToList();

        var positives = new List<(string Kind, StoryFingerprint A, StoryFingerprint B)>();
        var copies = new List<(int Original, string Kind, string Text)>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            var other = bodies[(i + 1 + random.Next(bodies.Count - 1)) % bodies.Count];
            foreach (var (kind, edited) in Edits(body, other, random))
            {
                positives.Add((kind, prints[i], StoryFingerprint.Compute(edited)));
                copies.Add((i, kind, edited));
            }
        }

        var allNegatives = new List<(string Kind, StoryFingerprint A, StoryFingerprint B)>();
        for (var i = 0; i < bodies.Count; i++)
        {
            for (var j = i + 1; j < bodies.Count; j++)
            {
                allNegatives.Add(("different", prints[i], prints[j]));
            }
        }

        var subjectPairs = SameSubjectPairs(bodies, 200);
        var hardNegatives = new List<(string Kind, StoryFingerprint A, StoryFingerprint B)>();
        foreach (var (i, j) in subjectPairs)
        {
            hardNegatives.Add(("same-subject", prints[i], prints[j]));
            var lines = PickFurniture(random, 3);
            hardNegatives.Add(("same-subject+same-template", StoryFingerprint.Compute(WithFurniture(bodies[i], lines, lines)),
                StoryFingerprint.Compute(WithFurniture(bodies[j], lines, lines))));
            var shortA = FirstWords(bodies[i], 15 + random.Next(30));
            var shortB = FirstWords(bodies[j], 15 + random.Next(30));
            var few = lines[..(1 + random.Next(2))];
            hardNegatives.Add(("same-subject-short+same-template", StoryFingerprint.Compute(WithFurniture(shortA, few[..1], few[1..])),
                StoryFingerprint.Compute(WithFurniture(shortB, few[..1], few[1..]))));
        }

        var negatives = allNegatives.Concat(hardNegatives).ToList();
        Console.WriteLine($"bodies {bodies.Count}; positive pairs {positives.Count}; negative pairs {negatives.Count} " +
                          $"({allNegatives.Count} all different, {hardNegatives.Count} same-subject incl. shared template)");
        Console.WriteLine();

        Console.WriteLine("score by kind (min / p10 / median), and recall at the chosen rule; 'keys' = shares an index key:");
        foreach (var group in positives.GroupBy(p => p.Kind))
        {
            var scores = group.Select(p => StorySimilarity.Score(p.A, p.B)).Order().ToList();
            var same = group.Count(p => StorySimilarity.IsSameStory(p.A, p.B));
            var keyed = group.Count(p => SharesKey(p.A, p.B));
            var both = group.Count(p => StorySimilarity.IsSameStory(p.A, p.B) && SharesKey(p.A, p.B));
            Console.WriteLine($"  + {group.Key,-34} n={group.Count(),4}  {scores[0]:F3} / {Pct(scores, 0.1):F3} / {Pct(scores, 0.5):F3}" +
                              $"  same {same,4}  keys {keyed,4}  both {both,4}");
        }

        foreach (var group in negatives.GroupBy(p => p.Kind))
        {
            var scores = group.Select(p => StorySimilarity.Score(p.A, p.B)).OrderDescending().ToList();
            var same = group.Count(p => StorySimilarity.IsSameStory(p.A, p.B));
            Console.WriteLine($"  - {group.Key,-34} n={group.Count(),4}  max {scores[0]:F3}  p99 {Pct(scores, 0.01):F3}  median {Pct(scores, 0.5):F3}  joined {same}");
        }

        Console.WriteLine();
        Console.WriteLine("threshold curve (score = containment, 0 under the sample floor; pairs whose smaller text has >= " + StorySimilarity.LongWords + " words):");
        Console.WriteLine("  threshold  precision  recall   tp    fp    fn");
        var longPos = positives.Where(p => Math.Min(p.A.Words, p.B.Words) >= StorySimilarity.LongWords)
            .Select(p => StorySimilarity.Score(p.A, p.B)).ToList();
        var longNeg = negatives.Where(p => Math.Min(p.A.Words, p.B.Words) >= StorySimilarity.LongWords)
            .Select(p => StorySimilarity.Score(p.A, p.B)).ToList();
        foreach (var t in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })
        {
            var tp = longPos.Count(s => s >= t);
            var fp = longNeg.Count(s => s >= t);
            var fn = longPos.Count - tp;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t,9:F2}  {tp / (double)Math.Max(1, tp + fp),9:F4}  {tp / (double)Math.Max(1, longPos.Count),6:F4}  {tp,5} {fp,5} {fn,5}"));
        }

        Console.WriteLine();
        Console.WriteLine("short pairs (smaller text " + StorySimilarity.MinWords + "-" + (StorySimilarity.LongWords - 1) + " words): containment / resemblance curve");
        Console.WriteLine("  threshold  C: precision recall  fp  |  J: precision recall  fp");
        var shortPos = positives.Where(p => IsShort(p.A, p.B)).ToList();
        var shortNeg = negatives.Where(p => IsShort(p.A, p.B)).ToList();
        foreach (var t in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })
        {
            var ctp = shortPos.Count(p => StorySimilarity.Score(p.A, p.B) >= t);
            var cfp = shortNeg.Count(p => StorySimilarity.Score(p.A, p.B) >= t);
            var jtp = shortPos.Count(p => p.A.Resemblance(p.B) >= t);
            var jfp = shortNeg.Count(p => p.A.Resemblance(p.B) >= t);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t,9:F2}  {ctp / (double)Math.Max(1, ctp + cfp),12:F4} {ctp / (double)Math.Max(1, shortPos.Count),6:F4} {cfp,3}  |  {jtp / (double)Math.Max(1, jtp + jfp),12:F4} {jtp / (double)Math.Max(1, shortPos.Count),6:F4} {jfp,3}"));
        }

        Console.WriteLine($"  ({shortPos.Count} positive, {shortNeg.Count} negative short pairs)");
        foreach (var p in positives.Where(p => !StorySimilarity.IsSameStory(p.A, p.B)))
        {
            var c = p.A.Containment(p.B, out var samples);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  missed {p.Kind}: words {p.A.Words}/{p.B.Words} containment {c:F3} ({samples} samples) resemblance {p.A.Resemblance(p.B):F3}"));
        }

        var allTp = positives.Count(p => StorySimilarity.IsSameStory(p.A, p.B));
        var allTpKeyed = positives.Count(p => StorySimilarity.IsSameStory(p.A, p.B) && SharesKey(p.A, p.B));
        var allFp = negatives.Count(p => StorySimilarity.IsSameStory(p.A, p.B));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rule (containment >= {StorySimilarity.Threshold}, short: >= {StorySimilarity.ShortThreshold}, >= {StorySimilarity.MinSamples} samples, under {StorySimilarity.MinWords} words never): " +
            $"precision {allTp / (double)Math.Max(1, allTp + allFp):F4}  recall {allTp / (double)positives.Count:F4}  (tp {allTp}, fp {allFp}, fn {positives.Count - allTp})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"with index lookup (candidate must share an index key): recall {allTpKeyed / (double)positives.Count:F4}"));
        ThroughIndex(bodies, copies);
        return 0;
    }

    /// <summary>
    /// End to end through <see cref="StoryIndex"/> on a temporary folder store: every original, then every edited copy
    /// (in a shuffled order, on other URLs, within the window). Counts copies given their original's story, copies given
    /// another story, and originals that joined another original.
    /// </summary>
    private static void ThroughIndex(List<string> bodies, List<(int Original, string Kind, string Text)> copies)
    {
        var dir = Directory.CreateTempSubdirectory("nw-stories-bench-").FullName;
        try
        {
            var index = new StoryIndex(new FolderStateStore(dir), NullLogger<StoryIndex>.Instance);
            var t0 = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
            var ids = new string[bodies.Count];
            for (var i = 0; i < bodies.Count; i++)
            {
                ids[i] = index.AssignAsync(new Uri($"https://site{i % 7}.example/a/{i}"), bodies[i], t0.AddMinutes(i), CancellationToken.None).GetAwaiter().GetResult();
            }

            var originalsJoined = ids.Length - ids.Distinct().Count();
            int right = 0, wrong = 0, alone = 0;
            var order = copies.Select((c, n) => (c, n)).OrderBy(x => (x.n * 7919) % copies.Count).ToList();
            foreach (var ((original, kind, text), n) in order)
            {
                var id = index.AssignAsync(new Uri($"https://copy{n % 11}.example/c/{n}"), text, t0.AddHours(2).AddMinutes(n % 600), CancellationToken.None).GetAwaiter().GetResult();
                if (id == ids[original])
                {
                    right++;
                }
                else if (ids.Contains(id))
                {
                    wrong++;
                    Console.WriteLine($"  copy ({kind}) of original {original} joined the story of original {Array.IndexOf(ids, id)}");
                }
                else
                {
                    alone++;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"through the index: {copies.Count} copies: {right} joined their story (recall {right / (double)copies.Count:F4}), " +
                $"{wrong} joined another story, {alone} opened their own; originals joined to another original: {originalsJoined}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool IsShort(StoryFingerprint a, StoryFingerprint b) =>
        Math.Min(a.Words, b.Words) is >= StorySimilarity.MinWords and < StorySimilarity.LongWords;

    private static bool SharesKey(StoryFingerprint a, StoryFingerprint b) => a.IndexKeys.Intersect(b.IndexKeys).Any();

    private static double Pct(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static IEnumerable<(string Kind, string Text)> Edits(string body, string other, Random random)
    {
        var paras = Paragraphs(body);
        var otherParas = Paragraphs(other);
        var headline = string.Join(' ', Words(other).Take(8 + random.Next(6)));
        yield return ("new headline line", headline + "\n\n" + body);

        var added = paras.ToList();
        added.Insert(random.Next(added.Count + 1), otherParas[random.Next(otherParas.Count)]);
        yield return ("paragraph added", string.Join("\n\n", added));

        if (paras.Count > 2)
        {
            var cut = paras.ToList();
            cut.RemoveAt(1 + random.Next(cut.Count - 1));
            yield return ("paragraph cut", string.Join("\n\n", cut));
        }

        var lines = PickFurniture(random, 2 + random.Next(5));
        var split = 1 + random.Next(lines.Length - 1);
        yield return ("template lines", WithFurniture(body, lines[..split], lines[split..]));

        yield return ("rewrap + quotes", Rewrap(body, random));

        if (paras.Count > 3)
        {
            var n = 2 + random.Next(Math.Min(3, paras.Count - 3));
            yield return ("teaser (first 2-4 paragraphs)", string.Join("\n\n", paras.Take(n)));
            yield return ("teaser + template line", WithFurniture(string.Join("\n\n", paras.Take(n)), lines[..1], []));
        }

        var all = paras.ToList();
        if (all.Count > 2)
        {
            all.RemoveAt(1 + random.Next(all.Count - 1));
        }

        all.Insert(random.Next(all.Count + 1), otherParas[random.Next(otherParas.Count)]);
        yield return ("all at once", Rewrap(WithFurniture(headline + "\n\n" + string.Join("\n\n", all), lines[..split], lines[split..]), random));
    }

    private static string[] PickFurniture(Random random, int count) =>
        Furniture.OrderBy(_ => random.Next()).Take(count).ToArray();

    private static string WithFurniture(string body, IEnumerable<string> before, IEnumerable<string> after) =>
        string.Join("\n", before) + "\n\n" + body + "\n\n" + string.Join("\n", after);

    private static string Rewrap(string text, Random random)
    {
        var width = 55 + random.Next(30);
        var sb = new StringBuilder();
        var column = 0;
        foreach (var word in WhitespaceRegex().Split(text))
        {
            if (word.Length == 0)
            {
                continue;
            }

            if (column + word.Length > width)
            {
                sb.Append('\n');
                column = 0;
            }
            else if (column > 0)
            {
                sb.Append(random.Next(10) == 0 ? "  " : " ");
            }

            sb.Append(word);
            column += word.Length + 1;
        }

        return sb.ToString().Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"').Replace(" - ", " \u2014 ");
    }

    private static List<string> Paragraphs(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IEnumerable<string> Words(string text) =>
        WordRegex().Matches(text).Select(m => m.Value);

    private static string FirstWords(string text, int count) => string.Join(' ', Words(text).Take(count));

    /// <summary>Pairs of different bodies ranked by shared rare words (sum of IDF over the words both use).</summary>
    private static List<(int, int)> SameSubjectPairs(List<string> bodies, int count)
    {
        var sets = bodies.Select(b => Words(b).Select(w => w.ToLowerInvariant()).Where(w => w.Length > 3).ToHashSet()).ToList();
        var df = new Dictionary<string, int>();
        foreach (var w in sets.SelectMany(s => s))
        {
            df[w] = df.GetValueOrDefault(w) + 1;
        }

        var pairs = new List<(double Score, int I, int J)>();
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                var shared = sets[i].Intersect(sets[j]).Sum(w => Math.Log(bodies.Count / (double)df[w]));
                var norm = Math.Sqrt(sets[i].Sum(w => Math.Log(bodies.Count / (double)df[w])) * sets[j].Sum(w => Math.Log(bodies.Count / (double)df[w])));
                pairs.Add((shared / Math.Max(1e-9, norm), i, j));
            }
        }

        return pairs.OrderByDescending(p => p.Score).Take(count).Select(p => (p.I, p.J)).ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRegex();
}

using System.Globalization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Round 19: the word and pair filters in one table keyed by the anchoring word (<see cref="AnchorFilter"/>): every
/// word passes alone and every pair passes for its anchor with its neighbour on its side,
/// <see cref="VectorHashFilter.RunAnchors"/> (eight lanes, one block late) gathers exactly the words that the scalar
/// test passes and writes the same hashes, ids, heads and prefix candidates as the loop without pairs, and matching
/// phrase-heavy rule sets gives the same results as the path before and as the reference matcher.
/// </summary>
public sealed class AnchorFilterTests
{
    [Fact]
    public void MayAnchor_EveryWordAndPairOnItsSide_AndFewOthers()
    {
        var random = new Random(61);
        var words = Enumerable.Range(0, 3_000).Select(_ => (uint)random.Next() * 3).ToList();
        var pairs = Enumerable.Range(0, 5_000).Select(_ => ((uint)random.Next() * 2, (uint)random.Next() * 5, random.Next(2) == 0)).ToList();
        var filter = new AnchorFilter(words, pairs);
        Assert.All(words, w => Assert.Equal(1, filter.MayAnchor(w, null, null)));
        foreach (var (left, right, anchorRight) in pairs)
        {
            Assert.Equal(1, anchorRight ? filter.MayAnchor(right, left, null) : filter.MayAnchor(left, null, right));
        }

        // Random words with random neighbours on both sides: few pass (each of the three tests a few per cent).
        var others = Enumerable.Range(0, 10_000).Sum(_ => filter.MayAnchor((uint)random.Next() * 7, (uint)random.Next() * 11, (uint)random.Next() * 13));
        Assert.InRange(others, 1, 1_200);

        // The side matters: a pair's neighbour on the other side of its anchor passes far less often.
        var wrongSide = pairs.Count(p => (p.Item3 ? filter.MayAnchor(p.Item2, null, p.Item1) : filter.MayAnchor(p.Item1, p.Item2, null)) == 1);
        Assert.InRange(wrongSide, 0, pairs.Count / 5);
    }

    [Fact]
    public void RunAnchors_GathersExactlyTheScalarTest()
    {
        if (!VectorHashFilter.IsSupported)
        {
            return; // no AVX-512 here: the matcher takes the scalar loop and AddPairs
        }

        var random = new Random(67);
        var throughPairs = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var buffer = new TokenBuffer();
            buffer.Split(PairFusionTests.RandomText(random, trial));
            var count = buffer.Count;
            var folded = Enumerable.Range(0, count).Select(p => buffer.Folded(p).ToString()).ToArray();
            var wordHashes = folded.Where(_ => random.Next(8) == 0).Append("other").Distinct().Select(w => VocabularyTable.Hash(w)).ToList();

            var pairList = Pairs18Tests.SidedPairs(random, folded);

            var filter = new AnchorFilter(wordHashes, pairList);
            var prefixStarts = trial % 2 == 1 ? PairFusionTests.RandomPrefixStarts(random) : null;

            // Exact-size arrays (nothing may be written past the words; the heads have room for eight more).
            var hashes = buffer.HashArray();
            var ids = new int[count];
            var foundAt = new int[count];
            var prefixAt = new int[count];
            var heads = trial % 3 == 0 ? new ulong[count + 8] : null;
            var candidates = VectorHashFilter.RunAnchors(filter, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold,
                count, hashes, ids, foundAt, prefixAt, out var prefixCandidates, heads);

            Pairs18Tests.AssertAsTheWordLoop(new VocabularyTable(["other"]), prefixStarts, buffer, hashes, ids, prefixAt, prefixCandidates);
            Assert.All(Enumerable.Range(0, count), p => Assert.Equal(VocabularyTable.Hash(folded[p]), hashes[p]));
            if (heads is not null)
            {
                Pairs18Tests.AssertHeads(buffer, heads);
            }

            var expected = new List<int>();
            for (var p = 0; p < count; p++)
            {
                if (filter.MayAnchor(hashes[p], p > 0 ? hashes[p - 1] : null, p + 1 < count ? hashes[p + 1] : null) == 1)
                {
                    expected.Add(p);
                    throughPairs += filter.MayAnchor(hashes[p], null, null) == 0 ? 1 : 0;
                }
            }

            Assert.Equal(expected, foundAt.Take(candidates));

            // Every anchor of a pair in the text, on its side, is among them.
            for (var q = 0; q + 1 < count; q++)
            {
                foreach (var (left, right, anchorRight) in pairList)
                {
                    if (left == hashes[q] && right == hashes[q + 1])
                    {
                        Assert.Contains(anchorRight ? q + 1 : q, expected);
                    }
                }
            }
        }

        Assert.True(throughPairs > 100, $"{throughPairs} words were candidates through a pair alone");
    }

    [Fact]
    public void Match_PhraseHeavyRules_SameAsBeforeAndAsReference()
    {
        // Phrases of two and three words over a small lexicon, so that the text holds many of their pairs and their
        // anchors sit on either side; with single words, wildcards and structured rules.
        var random = new Random(71);
        var lexicon = Enumerable.Range(0, 400).Select(i => Pairs18Tests.Word(random, i)).ToArray();
        var rules = new List<RuleDefinition>();
        var phrases = new List<string>();
        for (var r = 0; r < 3 * RuleSet.PairThreshold; r++)
        {
            var a = lexicon[random.Next(lexicon.Length)];
            var b = lexicon[random.Next(lexicon.Length)];
            phrases.Add($"{a} {b}");
            var query = (r % 9) switch
            {
                0 => $"\"{lexicon[random.Next(lexicon.Length)]} {a} {b}\"",
                1 => $"\"{a} {b}\" NEAR/3 {lexicon[random.Next(lexicon.Length)]}",
                2 => $"title:\"{a} {b}\" OR {a}",
                3 => $"\"{a} {b[..Math.Min(3, b.Length)]}*\"",
                4 => $"\"{a} {b}\" AND NOT {lexicon.First(w => w != a && w != b)}",
                5 => $"{a} COUNT>=2",
                _ => $"\"{a} {b}\"",
            };
            var rule = new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"r{r}"), query);
            RuleParser.Check(rule);
            rules.Add(rule);
        }

        var set = RuleSet.Compile(rules);
        Assert.True(set.UsesAnchorFilter);
        var matched = 0;
        for (var trial = 0; trial < 150; trial++)
        {
            var (title, body) = Pairs18Tests.PhraseArticle(random, trial, phrases, lexicon);
            var current = BaselineStep.MatchSameWithout(set, RuleSet.Step.AnchorBlocks, title, body);
            matched += current.Count;
            ReferenceMatcher.AssertAgrees(rules, title, body, current);
        }

        Assert.True(matched > 300, $"{matched} matches: the texts hold the phrases");
    }

    [Fact]
    public void Compile_PairsBeyondTheLargestTable_TestsTheTwoFiltersAndMatchesTheSame()
    {
        // More phrase pairs than AnchorFilter.MaxBlocks: the set keeps its word and pair filters only.
        var random = new Random(73);
        var lexicon = Enumerable.Range(0, 6_000).Select(i => Pairs18Tests.Word(random, i)).ToArray();
        var phrases = Enumerable.Range(0, AnchorFilter.MaxBlocks + 1_000)
            .Select(i => $"{lexicon[i % lexicon.Length]} {lexicon[(i * 7 / lexicon.Length + (i % lexicon.Length) + 1) % lexicon.Length]}")
            .Distinct().ToArray();
        Assert.True(AnchorFilter.BlocksFor(0, phrases.Length) > AnchorFilter.MaxBlocks);
        var rules = phrases.Select((p, i) => new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"r{i}"), $"\"{p}\"")).ToList();
        var set = RuleSet.Compile(rules);
        Assert.True(set.UsesPairFilter);
        Assert.False(set.UsesAnchorFilter);

        var matched = 0;
        for (var trial = 0; trial < 20; trial++)
        {
            var body = string.Join(' ', Enumerable.Range(0, 80).Select(_ => random.Next(2) == 0 ? phrases[random.Next(phrases.Length)] : lexicon[random.Next(lexicon.Length)]));
            var current = set.Match(null, body);
            var ids = current.Select(m => m.RuleId).ToHashSet();
            matched += ids.Count;
            ReferenceMatcher.AssertAgrees(rules.Where(r => ids.Contains(r.Id) || random.Next(200) == 0), null, body, current);

            // Every phrase written into the text is found.
            foreach (var phrase in phrases.Where(p => body.Contains(p, StringComparison.Ordinal)))
            {
                Assert.Contains($"r{Array.IndexOf(phrases, phrase)}", ids);
            }
        }

        Assert.True(matched > 200, $"{matched} matches");
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Round pairs18: the pair filter's blocks with the anchor's side (<see cref="PairFilter.SidedBlocks"/>), so that a
/// pair that passes makes only its anchor's word a candidate: every pair passes on its own side,
/// <see cref="VectorHashFilter.RunPairs"/> (its eight-lane test) gathers exactly the words that pass the word filter
/// or a pair on their side by the scalar test, and matching phrase-heavy rule sets gives the same results as the
/// reference matcher.
/// </summary>
public sealed class Pairs18Tests
{
    [Fact]
    public void MayContainSided_EveryPairOnItsSide_AndFewOthers()
    {
        var random = new Random(41);
        var pairs = Enumerable.Range(0, 5_000).Select(_ => ((uint)random.Next() * 2, (uint)random.Next() * 3, random.Next(2) == 0)).ToList();
        var filter = new PairFilter(pairs);
        foreach (var (left, right, anchorRight) in pairs)
        {
            Assert.NotEqual(0, filter.MayContainSided(left, right) & (anchorRight ? 2 : 1));
            Assert.Equal(1, filter.MayContain(left, right)); // the 64-bit blocks (without sides) still hold the pair
        }

        var others = Enumerable.Range(0, 10_000).Sum(_ => int.PopCount(filter.MayContainSided((uint)random.Next() * 5, (uint)random.Next() * 7)));
        Assert.InRange(others, 0, 300); // both sides together about as many as one test without sides

        // Pairs tested on the other side: most fail (the three bits both sides share are set, so the other side's
        // bit alone decides: it is set by other pairs in about a fifth of the blocks here).
        var wrong = pairs.Count(p => (filter.MayContainSided(p.Item1, p.Item2) & (p.Item3 ? 1 : 2)) != 0);
        Assert.InRange(wrong, 0, pairs.Count / 3);

        // A filter built without sides passes every pair on both.
        var unsided = new PairFilter(pairs.Select(p => (p.Item1, p.Item2)).ToList());
        Assert.All(pairs, p => Assert.Equal(3, unsided.MayContainSided(p.Item1, p.Item2)));
    }

    [Fact]
    public void RunPairs_Sided_GathersTheWordsOfTheirSide()
    {
        if (!VectorHashFilter.IsSupported)
        {
            return; // no AVX-512 here: the matcher takes the scalar loop and AddPairs
        }

        var random = new Random(47);
        var pairsOnly = 0;
        var fewer = 0;
        for (var trial = 0; trial < 300; trial++)
        {
            var buffer = new TokenBuffer();
            buffer.Split(PairFusionTests.RandomText(random, trial));
            var count = buffer.Count;
            var folded = Enumerable.Range(0, count).Select(p => buffer.Folded(p).ToString()).ToArray();
            // One trial in five unfiltered: a vocabulary without 32-bit blocks, whose words RunPairs tests by its
            // 64-bit ones.
            var all = new VocabularyTable(folded.Where(_ => random.Next(6) == 0).Append("other").Distinct().ToList());
            var vocabulary = trial % 5 != 0 ? all.Filtered(id => id % 2 == 0) : all;

            var pairList = Pairs18Tests.SidedPairs(random, folded);

            var pairs = new PairFilter(pairList);
            var prefixStarts = trial % 2 == 1 ? PairFusionTests.RandomPrefixStarts(random) : null;

            // Exact-size arrays (nothing may be written past the words; the heads have room for eight more).
            var hashes = buffer.HashArray();
            var ids = new int[count];
            var foundAt = new int[count];
            var prefixAt = new int[count];
            var heads = trial % 3 == 0 ? new ulong[count + 8] : null;
            var candidates = VectorHashFilter.RunPairs(vocabulary, pairs, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold,
                count, hashes, ids, foundAt, prefixAt, out var prefixCandidates, heads);

            AssertAsTheWordLoop(vocabulary, prefixStarts, buffer, hashes, ids, prefixAt, prefixCandidates);
            if (heads is not null)
            {
                AssertHeads(buffer, heads);
            }

            var expected = new List<int>();
            var unsided = 0;
            for (var p = 0; p < count; p++)
            {
                var h = hashes[p];
                var word = trial % 5 != 0 ? vocabulary.MayContainNarrow(h) == 1 : vocabulary.MayContain(h) == 1;
                var before = p > 0 && (pairs.MayContainSided(hashes[p - 1], h) & 2) != 0;
                var after = p + 1 < count && (pairs.MayContainSided(h, hashes[p + 1]) & 1) != 0;
                if (word || before || after)
                {
                    expected.Add(p);
                    pairsOnly += word ? 0 : 1;
                }

                // The candidate the same word would be with a pair on either side (the pair filter's 64-bit blocks, without sides).
                unsided += word || (p > 0 && pairs.MayContain(hashes[p - 1], h) == 1) || (p + 1 < count && pairs.MayContain(h, hashes[p + 1]) == 1) ? 1 : 0;
            }

            Assert.Equal(expected, foundAt.Take(candidates));
            fewer += unsided - candidates;
        }

        Assert.True(pairsOnly > 100, $"{pairsOnly} words were candidates through a pair alone");
        Assert.True(fewer > pairsOnly / 4, $"{fewer} candidates fewer than without sides ({pairsOnly} through a pair alone)");
    }

    [Fact]
    public void Match_PhraseHeavyRules_SameAsReference()
    {
        // Phrases of two and three words over a small lexicon, so that the text holds many of their pairs and their
        // anchors sit on either side (the longest word anchors; a middle anchor checks its left neighbour), some
        // words anchoring one phrase and being another's neighbour; with single words, wildcards and structured rules.
        var random = new Random(53);
        var lexicon = Enumerable.Range(0, 500).Select(i => Word(random, i)).ToArray();
        var rules = new List<RuleDefinition>();
        var phrases = new List<string>();
        for (var r = 0; r < 3 * RuleSet.PairThreshold; r++)
        {
            var a = lexicon[random.Next(lexicon.Length)];
            var b = lexicon[random.Next(lexicon.Length)];
            phrases.Add($"{a} {b}");
            var query = (r % 10) switch
            {
                0 => $"\"{a} {b} {lexicon[random.Next(lexicon.Length)]}\"",
                1 => $"\"{a} {b}\" NEAR/3 {lexicon[random.Next(lexicon.Length)]}",
                2 => $"title:\"{a} {b}\" OR {a}x",
                3 => $"\"{a} {b[..Math.Min(3, b.Length)]}*\"",
                4 => $"\"{a} {b}\" AND NOT {lexicon.First(w => w != a && w != b)}",
                _ => $"\"{a} {b}\"",
            };
            var rule = new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"r{r}"), query);
            RuleParser.Check(rule);
            rules.Add(rule);
        }

        var set = RuleSet.Compile(rules);
        Assert.True(set.UsesPairFilter);
        var matched = 0;
        for (var trial = 0; trial < 150; trial++)
        {
            var (title, body) = Pairs18Tests.PhraseArticle(random, trial, phrases, lexicon);
            var current = set.Match(title, body);
            matched += current.Count;
            ReferenceMatcher.AssertAgrees(rules, title, body, current);
        }

        Assert.True(matched > 300, $"{matched} matches: the texts hold the phrases");
    }

    /// <summary>
    /// A title of lexicon words (none in every third trial) and a body of the rules' phrases (and, beside each other,
    /// their words' other pairs), some cut by a comma (which does not break a phrase), lexicon words and fillers.
    /// </summary>
    internal static (string? Title, string Body) PhraseArticle(Random random, int trial, List<string> phrases, string[] lexicon)
    {
        var body = string.Join(random.Next(4) == 0 ? ", " : " ", Enumerable.Range(0, random.Next(0, 120)).Select(_ => random.Next(3) switch
        {
            0 => phrases[random.Next(phrases.Count)],
            1 => lexicon[random.Next(lexicon.Length)],
            _ => random.Next(2) == 0 ? "filler" : "the",
        }));
        var title = trial % 3 == 0 ? null : string.Join(' ', Enumerable.Range(0, random.Next(1, 8)).Select(_ => lexicon[random.Next(lexicon.Length)]));
        return (title, body);
    }

    /// <summary>
    /// Asserts that a fused loop (<see cref="VectorHashFilter.RunPairs"/>, <see cref="VectorHashFilter.RunAnchors"/>) wrote
    /// what the loop without pairs (<see cref="VectorHashFilter.Run"/> over <paramref name="vocabulary"/>) writes besides
    /// its candidates: each word's hash and id, and the prefix candidates.
    /// </summary>
    internal static void AssertAsTheWordLoop(VocabularyTable vocabulary, ulong[]? prefixStarts, TokenBuffer buffer, uint[] hashes, int[] ids, int[] prefixAt, int prefixCandidates)
    {
        var count = buffer.Count;
        var wordHashes = new uint[count + 8];
        var wordIds = new int[count + 8];
        var wordFound = new int[count + 8];
        var wordPrefix = new int[count + 8];
        _ = VectorHashFilter.Run(vocabulary, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold, count,
            wordHashes, wordIds, wordFound, wordPrefix, out var wordPrefixCandidates);
        Assert.Equal(wordHashes.Take(count), hashes.Take(count));
        Assert.Equal(wordIds.Take(count), ids.Take(count));
        Assert.Equal(wordPrefix.Take(wordPrefixCandidates), prefixAt.Take(prefixCandidates));
    }

    /// <summary>Asserts that <paramref name="heads"/> holds each word's first four folded chars, and zeros past the last word.</summary>
    internal static void AssertHeads(TokenBuffer buffer, ulong[] heads)
    {
        var chars = MemoryMarshal.AsBytes(buffer.FoldedChars.AsSpan());
        for (var p = 0; p < buffer.Count; p++)
        {
            Assert.Equal(MemoryMarshal.Read<ulong>(chars[(2 * buffer.StartFold[p])..]), heads[p]);
        }

        Assert.All(heads.Skip(buffer.Count), h => Assert.Equal(0UL, h));
    }

    /// <summary>
    /// Pairs of some adjacent words of <paramref name="folded"/> (at the text's edges and at the edges of blocks of
    /// eight too), each with a random side, and 50 random pairs.
    /// </summary>
    internal static List<(uint Left, uint Right, bool AnchorRight)> SidedPairs(Random random, string[] folded)
    {
        var count = folded.Length;
        var pairs = new List<(uint Left, uint Right, bool AnchorRight)>();
        for (var q = 0; q + 1 < count; q++)
        {
            if (random.Next(6) == 0 || q == 0 || q == count - 2 || q % 8 == 7 || q % 8 == 0)
            {
                pairs.Add((VocabularyTable.Hash(folded[q]), VocabularyTable.Hash(folded[q + 1]), random.Next(2) == 0));
            }
        }

        for (var i = 0; i < 50; i++)
        {
            pairs.Add(((uint)random.Next(), (uint)random.Next(), random.Next(2) == 0));
        }

        return pairs;
    }

    /// <summary>
    /// A lexicon word of <paramref name="shortest"/> + 3 to 10 letters (random letters, then three that spell the index),
    /// unique by its index below 17,576 (so that lengths, and so anchors, vary).
    /// </summary>
    internal static string Word(Random random, int index, int shortest = 1)
    {
        var sb = new StringBuilder();
        var length = random.Next(shortest, 8);
        for (var c = 0; c < length; c++)
        {
            sb.Append((char)('a' + random.Next(26)));
        }

        return sb.Append((char)('a' + (index % 26))).Append((char)('a' + (index / 26 % 26))).Append((char)('a' + (index / 676))).ToString();
    }
}

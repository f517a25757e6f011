using System.Globalization;
using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// The pair filter's test inside the hash-and-filter loop (<see cref="VectorHashFilter.RunPairs"/>): the same
/// hashes, ids, prefix candidates as <see cref="VectorHashFilter.Run"/>, and as candidates every word that passes the
/// word filter or makes a pair that passes with a neighbour, in word order, each once; and the same of
/// <c>RuleSet.AddPairs</c>, the pass after the hash loop that CPUs without AVX-512 take.
/// </summary>
public sealed class PairFusionTests
{
    [Fact]
    public void RunPairs_RandomTexts_SameAsWordFilterOrEitherPair()
    {
        if (!VectorHashFilter.IsSupported)
        {
            return; // no AVX-512 here: the matcher takes the scalar loop and AddPairs, which the other tests cover
        }

        var random = new Random(23);
        for (var trial = 0; trial < 300; trial++)
        {
            var buffer = new TokenBuffer();
            buffer.Split(RandomText(random, trial));
            var count = buffer.Count;
            Assert.True(buffer.CanHashInPlace);
            var folded = Enumerable.Range(0, count).Select(p => buffer.Folded(p).ToString()).ToArray();

            // A word filter of a few of the text's words (one trial in five unfiltered: a vocabulary without 32-bit
            // blocks, whose words RunPairs tests by its 64-bit ones); pairs of some adjacent words of the text (some
            // at its edges and at block edges) and some that are not in it.
            var all = new VocabularyTable(folded.Where(_ => random.Next(6) == 0).Append("other").Distinct().ToList());
            var vocabulary = trial % 5 != 0 ? all.Filtered(id => id % 2 == 0) : all;
            var pairList = new List<(uint Left, uint Right)>();
            for (var q = 0; q + 1 < count; q++)
            {
                if (random.Next(8) == 0 || q == 0 || q == count - 2 || q % 8 == 7)
                {
                    pairList.Add((VocabularyTable.Hash(folded[q]), VocabularyTable.Hash(folded[q + 1])));
                }
            }

            for (var i = 0; i < 50; i++)
            {
                pairList.Add(((uint)random.Next(), (uint)random.Next()));
            }

            var pairs = new PairFilter(random.Next(2) == 0 ? pairList : pairList.Where(_ => random.Next(3) == 0).ToList());
            var prefixStarts = trial % 2 == 1 ? RandomPrefixStarts(random) : null;

            // Exact-size arrays: nothing may be written past the words (the places are compressed in a register and
            // stored whole).
            var hashes = buffer.HashArray();
            var ids = new int[count];
            var foundAt = new int[count];
            var prefixAt = new int[count];
            var candidates = VectorHashFilter.RunPairs(vocabulary, pairs, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold,
                count, hashes, ids, foundAt, prefixAt, out var prefixCandidates);

            var expectedHashes = new uint[count + 8];
            var expectedIds = new int[count + 8];
            var expectedFound = new int[count + 8];
            var expectedPrefix = new int[count + 8];
            var wordCandidates = VectorHashFilter.Run(vocabulary, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold, count,
                expectedHashes, expectedIds, expectedFound, expectedPrefix, out var expectedPrefixCandidates);
            Assert.Equal(expectedHashes.Take(count), hashes.Take(count));
            Assert.Equal(expectedIds.Take(count), ids);
            Assert.Equal(expectedPrefix.Take(expectedPrefixCandidates), prefixAt.Take(prefixCandidates));

            var words8 = expectedFound.Take(wordCandidates).ToHashSet();
            var expected = new List<int>();
            for (var p = 0; p < count; p++)
            {
                var h = expectedHashes[p];
                var word = trial % 5 != 0 ? vocabulary.MayContainNarrow(h) == 1 : words8.Contains(p);
                // Pairs without sides: one that passes makes both its words candidates (in the blocks with sides, a
                // side bit set by another pair may let it pass on one side only).
                if (word || (p > 0 && (pairs.MayContainSided(expectedHashes[p - 1], h) & 2) != 0)
                    || (p + 1 < count && (pairs.MayContainSided(h, expectedHashes[p + 1]) & 1) != 0))
                {
                    expected.Add(p);
                }
            }

            Assert.Equal(expected, foundAt.Take(candidates));
        }
    }

    [Fact]
    public void VocabularyMayContainNarrow_EveryFilteredWord_IsTrue_AndFewOthers()
    {
        var words = Enumerable.Range(0, 3_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"w{i}")).ToList();
        var table = new VocabularyTable(words).Filtered(id => id % 3 == 0);
        for (var id = 0; id < words.Count; id += 3)
        {
            Assert.Equal(1, table.MayContainNarrow(VocabularyTable.Hash(words[id])));
        }

        var others = Enumerable.Range(0, 10_000).Count(i => table.MayContainNarrow(VocabularyTable.Hash(string.Create(CultureInfo.InvariantCulture, $"x{i}"))) == 1);
        Assert.InRange(others, 0, 200); // a third of the words in a filter sized for all of them: well under 1 %
        Assert.Empty(new VocabularyTable(words).NarrowBlocks); // only a filtered table has them
    }

    [Fact]
    public void Match_ManyPhrases_AgreesWithReference()
    {
        var rules = Enumerable.Range(0, RuleSet.PairThreshold + 20)
            .Select(i => new RuleDefinition(string.Create(CultureInfo.InvariantCulture, $"f{i}"), string.Create(CultureInfo.InvariantCulture, $"\"alpha{i} omega{i}\"")))
            .Append(new RuleDefinition("single", "omega3 OR \"beta gamma\""))
            .ToList();
        var set = RuleSet.Compile(rules);
        Assert.True(set.UsesPairFilter);
        var random = new Random(5);
        var matched = 0;
        for (var trial = 0; trial < 100; trial++)
        {
            var body = string.Join(' ', Enumerable.Range(0, random.Next(0, 90)).Select(_ => random.Next(4) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture, $"alpha{random.Next(20)} omega{random.Next(20)}"),
                1 => string.Create(CultureInfo.InvariantCulture, $"omega{random.Next(20)}"),
                2 => random.Next(2) == 0 ? "beta" : "gamma",
                _ => "word",
            }));
            var actual = set.Match(null, body).Select(m => m.RuleId).ToList();
            Assert.Equal(rules.Where(rule => ReferenceMatcher.Matches(rule, null, body)).Select(rule => rule.Id), actual);
            matched += actual.Count;
        }

        Assert.True(matched > 100, $"{matched} matches");
    }

    [Fact]
    public void AddPairs_RandomWordsAndPairs_SameAsWordFilterOrEitherPair()
    {
        var random = new Random(29);
        for (var trial = 0; trial < 400; trial++)
        {
            // Every count from 0 to 140 (none, one or two blocks of 64 pairs and the carry between them), then longer
            // texts; hashes from a small pool, so that the text repeats the filter's pairs.
            var count = trial <= 140 ? trial : random.Next(0, 700);
            var pool = Enumerable.Range(0, 30).Select(_ => (uint)random.Next() * 7).ToArray();
            var hashes = Enumerable.Range(0, count).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var pairList = new List<(uint Left, uint Right)>();
            for (var i = 0; i < random.Next(1, 40); i++)
            {
                pairList.Add((pool[random.Next(pool.Length)], pool[random.Next(pool.Length)]));
            }

            if (count > 1)
            {
                pairList.Add((hashes[0], hashes[1]));
                pairList.Add((hashes[count - 2], hashes[count - 1]));
            }

            var pairs = new PairFilter(pairList);
            var words = Enumerable.Range(0, count).Where(_ => random.Next(5) == 0).ToArray();
            var foundAt = new int[count];
            words.CopyTo(foundAt, 0);
            var bits = new ulong[(count >> 6) + 1];

            var candidates = RuleSet.AddPairs(pairs, hashes, count, foundAt, words.Length, bits);

            var expected = Enumerable.Range(0, count).Where(p => words.Contains(p)
                || (p > 0 && pairs.MayContain(hashes[p - 1], hashes[p]) == 1)
                || (p + 1 < count && pairs.MayContain(hashes[p], hashes[p + 1]) == 1)).ToArray();
            Assert.Equal(expected, foundAt.Take(candidates));
        }
    }

    /// <summary>
    /// A text for trial <paramref name="trial"/>: every word count from 0 to 40 (blocks of eight, and none, one or two
    /// whole blocks before the tail), then longer texts; words of 1 to 30 chars (a block with a word over 16 is
    /// hashed word by word), a few chars outside ASCII.
    /// </summary>
    internal static string RandomText(Random random, int trial)
    {
        var words = trial <= 40 ? trial : random.Next(0, 300);
        var text = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            var length = random.Next(12) == 0 ? random.Next(17, 31) : random.Next(1, 12);
            for (var c = 0; c < length; c++)
            {
                text.Append(random.Next(20) == 0 ? (char)random.Next(0xE0, 0x250) : (char)('a' + random.Next(6)));
            }

            text.Append(random.Next(3) == 0 ? ", " : " ");
        }

        return text.ToString();
    }

    /// <summary>Random start bits of wildcard prefixes, about a quarter of them set.</summary>
    internal static ulong[] RandomPrefixStarts(Random random)
    {
        var starts = new ulong[1024];
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = (ulong)random.NextInt64() & (ulong)random.NextInt64();
        }

        return starts;
    }
}

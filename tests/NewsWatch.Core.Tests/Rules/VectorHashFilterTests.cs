using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class VectorHashFilterTests
{
    [Fact]
    public void Run_RandomWordsOfEveryLength_SameHashesAndPlacesAsWordByWord()
    {
        if (!VectorHashFilter.IsSupported)
        {
            return; // no AVX-512 here: the matcher takes the scalar loop, which the other tests cover
        }

        var random = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            // Words of 1 to 30 chars (some over 16, whose hash mixes in the middle blocks), ASCII and not, so that
            // some blocks of eight go through the vector path and some word by word.
            var text = new StringBuilder();
            var words = random.Next(0, 200);
            for (var w = 0; w < words; w++)
            {
                var length = random.Next(10) == 0 ? random.Next(17, 31) : random.Next(1, 12);
                for (var c = 0; c < length; c++)
                {
                    text.Append(random.Next(20) == 0 ? (char)random.Next(0xE0, 0x250) : (char)('a' + random.Next(26)));
                }

                text.Append(random.Next(3) == 0 ? ", " : " ");
            }

            var buffer = new TokenBuffer();
            buffer.Split(text.ToString());
            var count = buffer.Count;
            Assert.True(buffer.CanHashInPlace);

            // A vocabulary of some of the text's words and some others, and a prefix filter with a quarter of its bits set.
            var vocabulary = new VocabularyTable(Enumerable.Range(0, count).Where(_ => random.Next(3) == 0)
                .Select(p => buffer.Folded(p).ToString()).Append("other").Distinct().ToList());
            if (trial % 2 == 1)
            {
                vocabulary = vocabulary.Filtered(id => id % 2 == 0); // three filter bits per word
            }
            var prefixStarts = new ulong[1024];
            for (var i = 0; i < prefixStarts.Length; i++)
            {
                prefixStarts[i] = (ulong)random.NextInt64() & (ulong)random.NextInt64();
            }

            var hashes = buffer.HashArray();
            var ids = new int[count + 8];
            var foundAt = new int[count + 8];
            var prefixAt = new int[count + 8];
            var candidates = VectorHashFilter.Run(vocabulary, prefixStarts, buffer.FoldedChars, buffer.StartFold, buffer.EndFold, count,
                hashes, ids, foundAt, prefixAt, out var prefixCandidates);

            var expectedFound = new List<int>();
            var expectedPrefix = new List<int>();
            for (var p = 0; p < count; p++)
            {
                var word = buffer.Folded(p);
                var hash = VocabularyTable.Hash(word);
                Assert.Equal(hash, hashes[p]);
                Assert.Equal(-1, ids[p]);
                if (vocabulary.MayContain(hash) == 1)
                {
                    expectedFound.Add(p);
                }

                if (word.Length >= 3)
                {
                    var bit = (int)(((word[0] | ((ulong)word[1] << 16) | ((ulong)word[2] << 32)) * 0x9E3779B97F4A7C15UL) >> 48);
                    if (((prefixStarts[bit >> 6] >> bit) & 1) != 0)
                    {
                        expectedPrefix.Add(p);
                    }
                }
            }

            Assert.Equal(expectedFound, foundAt.Take(candidates));
            Assert.Equal(expectedPrefix, prefixAt.Take(prefixCandidates));
        }
    }
}

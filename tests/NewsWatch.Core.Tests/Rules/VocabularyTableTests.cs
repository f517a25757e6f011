using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class VocabularyTableTests
{
    [Fact]
    public void Filtered_WordOutsideFilter_NotFoundButKnownByIs()
    {
        string[] words = ["the", "ceasefire", "on", "ground"];
        var all = new VocabularyTable(words);
        var anchors = all.Filtered(id => words[id].Length > 3);

        Assert.Equal(1, anchors.Find("ceasefire", VocabularyTable.Hash("ceasefire")));
        Assert.Equal(3, anchors.Find("ground", VocabularyTable.Hash("ground")));
        Assert.Equal(-1, anchors.Find("the", VocabularyTable.Hash("the")));
        Assert.Equal(0, all.Find("the", VocabularyTable.Hash("the")));
        Assert.True(anchors.Is(0, "the", VocabularyTable.Hash("the")));
        Assert.True(anchors.Is(2, "on", VocabularyTable.Hash("on")));
        Assert.False(anchors.Is(2, "of", VocabularyTable.Hash("of")));
        Assert.False(anchors.Is(0, "then", VocabularyTable.Hash("then")));
    }

    [Fact]
    public void Match_PhraseOfCommonWordsAroundAnchor_FoundWhereEveryWordIsThere()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"boots on the ground\""), new RuleDefinition("s", "\"the end of the road\"")]);

        var matches = set.Match(null, "Boots on a ground. Not the end of a road. Boots on the ground, at the end of the road.");

        Assert.Equal(["r", "s"], matches.Select(m => m.RuleId));
        Assert.All(matches, m => Assert.Single(m.Hits));
    }

    [Fact]
    public void HashAt_EveryLengthWithCharsAfterIt_SameAsHash()
    {
        var random = new Random(7);
        for (var length = 1; length <= 40; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                // The word, then chars that are not part of it (HashAt reads past a short word and masks them off).
                var chars = new char[length + 8];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)random.Next(1, 0x500);
                }

                var word = new string(chars, 0, length);
                var expected = VocabularyTable.Hash(word);
                Assert.Equal(expected, VocabularyTable.HashAt(ref chars[0], length));
            }
        }
    }
}

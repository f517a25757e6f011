using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class AnchoredTermTests
{
    [Theory]
    [InlineData(0, 1, false, false)]
    [InlineData(0, 1, true, false)]
    [InlineData(0, 2, false, true)]
    [InlineData(3, 7, true, true)]
    [InlineData(AnchoredTerm.MaxLength - 1, AnchoredTerm.MaxLength, false, true)]
    public void Constructor_Fields_ReadBackAsGiven(int offset, int length, bool caseSensitive, bool hasOther)
    {
        var anchored = new AnchoredTerm(123_456, offset, length, 42, caseSensitive, hasOther ? 0xFFFF_FFFFu : null);

        Assert.Equal(123_456, anchored.Term);
        Assert.Equal(offset, anchored.Offset);
        Assert.Equal(length, anchored.Length);
        Assert.Equal(42, anchored.Words);
        Assert.Equal(caseSensitive, anchored.CaseSensitive);
        Assert.Equal(hasOther, anchored.HasOther);
        Assert.Equal(hasOther ? 0xFFFF_FFFFu : 0u, anchored.OtherHash);
        Assert.Equal(length == 1 && !caseSensitive, anchored.Direct);
        Assert.Equal(offset == 0 ? 1 : offset - 1, anchored.OtherIndex);
    }

    [Fact]
    public void Compile_PhraseLongerThanMaxLength_Refused()
    {
        var phrase = "\"" + string.Join(' ', Enumerable.Repeat("word", AnchoredTerm.MaxLength + 1)) + "\"";

        var error = Assert.Throws<RuleSyntaxException>(() => RuleSet.Compile([new RuleDefinition("long", phrase)]));

        Assert.Equal("long", error.RuleId);
    }

    [Fact]
    public void Match_PhraseWhoseNeighbourDiffers_OnlyWhereEveryWordIsThere()
    {
        // The neighbour checked first by its hash: the word after the anchor "ceasefire" in "a", before it in "b".
        var set = RuleSet.Compile([new RuleDefinition("a", "\"ceasefire talks\""), new RuleDefinition("b", "\"the ceasefire\"")]);

        var matches = set.Match(null, "A ceasefire now. Talks on a ceasefire. The ceasefire talks began.");

        Assert.Equal(["a", "b"], matches.Select(m => m.RuleId));
        Assert.All(matches, m => Assert.Single(m.Hits));
    }
}

using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction.PageTypes;

/// <summary>The classifier's text lengths: a Chinese or Japanese character, or a Korean syllable, counts twice; white space not at all in <see cref="TextDensity.Visible"/>.</summary>
public sealed class TextDensityTests
{
    [Theory]
    [InlineData('a', 1)]
    [InlineData('я', 1)]
    [InlineData('é', 1)]
    [InlineData('。', 1)] // CJK punctuation counts as punctuation does elsewhere
    [InlineData('あ', 2)] // hiragana
    [InlineData('ア', 2)] // katakana
    [InlineData('漢', 2)] // CJK unified ideograph
    [InlineData('㐀', 2)] // extension A
    [InlineData('한', 2)] // Hangul syllable
    public void Weight_IsTwoForCjkAndHangul_OneElse(char c, int weight) => Assert.Equal(weight, TextDensity.Weight(c));

    [Fact]
    public void Visible_SkipsWhiteSpace_AndCountsCjkTwice()
    {
        Assert.Equal(0, TextDensity.Visible(" \n\t\u00A0"));
        Assert.Equal(5, TextDensity.Visible("a b\tc d e"));
        Assert.Equal(2 * 4 + 1, TextDensity.Visible("停戦 合意。"));
        Assert.Equal(2 * 3 + 3, TextDensity.Visible("한국어 abc"));
    }

    [Fact]
    public void Length_CountsWhiteSpaceOnce_AndCjkTwice() => Assert.Equal(3 + 1 + (2 * 2), TextDensity.Length("abc 停戦"));
}

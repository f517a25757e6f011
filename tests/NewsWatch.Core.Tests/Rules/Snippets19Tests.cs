using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets19's steps against the paths before them.</summary>
public sealed class Snippets19Tests
{
    // Abbreviations in mixed case, words of one to eight letters, non-ASCII letters (some whose upper case is ASCII
    // under OrdinalIgnoreCase rules, as U+017F and U+0131), digits, closers, spaces and every terminator.
    private static readonly string[] Pieces =
    [
        "Mr", "mRs", "DR", "Prof", "st", "Gen", "approx", "APPROX", "Sept", "sept", "al", "Co", "cf", "vs", "nos",
        "a", "B", "word", "words", "appro", "approxi", "approxim", "Dept", "Univ", "\u017Ft", "m\u0131", "\u00E9t",
        "Jan", "\u212Ao", "caf\u00E9", "3", "3.5", "x", " ", " ", " ", "  ", "\t", "\u00A0", ".", ". ", "! ", "? ",
        "\u2026 ", "\n", "\r", "\u2028", "\u3002", "\uFF01", "\u201D", ")", "'", "\u00BB", "lower", "Upper",
    ];

    private static string RandomText(Random random, int pieces)
    {
        var text = new StringBuilder();
        for (var n = 0; n < pieces; n++)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    [Fact]
    public void EndsSentenceLean_EveryPositionOfRandomTexts_SameAsEndsSentence()
    {
        var random = new Random(191);
        var periods = 0;
        var abbreviations = 0;
        for (var n = 0; n < 3000; n++)
        {
            var text = RandomText(random, random.Next(1, 40));
            for (var i = 0; i < text.Length; i++)
            {
                var expected = SentenceBoundaries.EndsSentence(text, i);
                Assert.Equal(expected, SentenceBoundaries.EndsSentenceLean(text, i));
                if (text[i] == '.')
                {
                    periods++;
                    abbreviations += expected ? 0 : 1;
                }
            }
        }

        // Both verdicts were met often.
        Assert.True(periods > 1000 && abbreviations > 200 && abbreviations < periods, $"{abbreviations} of {periods}");
    }

    [Theory]
    [InlineData("Mr. Smith", false)]
    [InlineData("MR. Smith", false)]
    [InlineData("approx. Ten", false)]
    [InlineData("approxi. Ten", true)]
    [InlineData("appro. Ten", true)]
    [InlineData("Sept. Ten", false)]
    [InlineData("dec. Ten", false)]
    [InlineData("U.S. Ten", false)]
    [InlineData("done. Ten", true)]
    [InlineData("done. ten", false)]
    [InlineData("\u017Ft. Ten", false)]
    [InlineData("caf\u00E9. Ten", true)]
    [InlineData("etc. Ten", true)]
    public void EndsSentenceLean_KnownWords_SameVerdictAsEndsSentence(string text, bool ends)
    {
        var i = text.IndexOf('.', text.IndexOf(' ') < 0 ? 0 : text.IndexOf(' ') - 1);
        Assert.Equal(SentenceBoundaries.EndsSentence(text, i), SentenceBoundaries.EndsSentenceLean(text, i));
        if (text[0] != '\u017F')
        {
            Assert.Equal(ends, SentenceBoundaries.EndsSentenceLean(text, i));
        }
    }

    [Fact]
    public void SentenceBounds_WithLeanEnds_SameAsWithout()
    {
        var memo = new SentenceMemo();
        var leanMemo = new SentenceMemo();
        var random = new Random(192);
        for (var n = 0; n < 200; n++)
        {
            memo.Clear();
            leanMemo.Clear();
            var text = RandomText(random, random.Next(1, 400));
            for (var k = 0; k < 50; k++)
            {
                var position = random.Next(0, text.Length);
                var limit = Math.Max(0, position - random.Next(0, 600));
                var end = Math.Min(text.Length, position + random.Next(0, 600));
                Assert.Equal(
                    SentenceBoundaries.StartBefore(text, position, limit, fast: true, memo, 0, fused: true),
                    SentenceBoundaries.StartBefore(text, position, limit, fast: true, leanMemo, 0, fused: true, leanEnds: true));
                Assert.Equal(
                    SentenceBoundaries.EndAfter(text, position, end, fast: true, memo, 0, fused: true),
                    SentenceBoundaries.EndAfter(text, position, end, fast: true, leanMemo, 0, fused: true, leanEnds: true));
            }
        }
    }
}

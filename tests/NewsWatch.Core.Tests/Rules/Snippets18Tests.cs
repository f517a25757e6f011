using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets18's lean snippet builder and sentence bounds, against the paths before them.</summary>
public sealed class Snippets18Tests
{
    private const string Alphabet = "ab Mr .!?\n\r\u2026\u2028\u3002\u201D)3 A\v\u20AC\u3000";

    [Fact]
    public void LeanBounds_RandomTextsPositionsAndLimits_SameAsTheReference()
    {
        var random = new Random(181);
        var memo = new SentenceMemo();
        var checkedFar = 0;
        for (var n = 0; n < 4000; n++)
        {
            memo.Clear();
            // Lengths around and below one vector, and long ones; sparse terminators now and then, so that the
            // searches cross several vectors.
            var length = random.Next(4) == 0 ? random.Next(0, 70) : random.Next(0, 1500);
            var text = RandomText(random, length, sparse: random.Next(2) == 0);
            for (var q = 0; q < 30; q++)
            {
                var position = random.Next(text.Length + 1);
                var back = Math.Max(0, position - random.Next(0, 700));
                var on = Math.Min(text.Length, position + random.Next(0, 700));
                var start = SentenceBoundaries.StartBefore(text, position, back);
                var end = SentenceBoundaries.EndAfter(text, position, on);
                Assert.Equal(start, SentenceBoundaries.StartBeforeLean(text, position, back, memo, 0));
                Assert.Equal(end, SentenceBoundaries.EndAfterLean(text, position, on, memo, 0));
                checkedFar += position - start > 64 || end - position > 64 ? 1 : 0;
            }
        }

        // The generated texts reach the multi-vector paths.
        Assert.True(checkedFar > 1000, $"{checkedFar}");
    }

    [Fact]
    public void LeanBounds_EveryTerminatorAtEveryPlace_SameAsTheReference()
    {
        const string marks = ".!?\n\r\u2026\u2028\u2029\u3002\uFF01\uFF1F\v\f\u20AC";
        var memo = new SentenceMemo();
        foreach (var length in new[] { 1, 31, 32, 33, 63, 64, 65, 100 })
        {
            foreach (var mark in marks)
            {
                for (var place = 0; place < length; place++)
                {
                    var chars = new string('w', length).ToCharArray();
                    chars[place] = mark;
                    if (place + 1 < length)
                    {
                        chars[place + 1] = ' ';
                    }

                    var text = new string(chars);
                    memo.Clear();
                    for (var position = 0; position <= length; position++)
                    {
                        for (var limit = 0; limit <= position; limit += 7)
                        {
                            Assert.Equal(SentenceBoundaries.StartBefore(text, position, limit), SentenceBoundaries.StartBeforeLean(text, position, limit, memo, 0));
                        }

                        for (var limit = length; limit >= position; limit -= 7)
                        {
                            Assert.Equal(SentenceBoundaries.EndAfter(text, position, limit), SentenceBoundaries.EndAfterLean(text, position, limit, memo, 0));
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void LeanBuild_ManyRulesHitsPerArticle_SameAsTheBuilderBefore()
    {
        var random = new Random(182);
        var current = new SnippetCache();
        var before = new SnippetCache();
        for (var article = 0; article < 300; article++)
        {
            current.Clear();
            before.Clear();
            var title = RandomText(random, random.Next(1, 200), sparse: false);
            var body = RandomText(random, random.Next(1, 2500), sparse: random.Next(3) == 0);
            for (var rule = 0; rule < 40; rule++)
            {
                var hits = new List<TermHit>();
                for (var h = random.Next(1, 8); h > 0; h--)
                {
                    var field = random.Next(4) == 0 ? 0 : 1;
                    var text = field == 0 ? title : body;
                    var start = random.Next(text.Length);
                    if (!char.IsAsciiLetterLower(text[start]))
                    {
                        continue;
                    }

                    var end = start;
                    while (end < text.Length && char.IsAsciiLetterLower(text[end]))
                    {
                        end++;
                    }

                    hits.Add(new TermHit(0, field, start, end, -1));
                }

                if (hits.Count == 0)
                {
                    continue;
                }

                hits.Sort(TermHit.Compare);
                var expected = SnippetBuilder.Build(title, body, hits.ToArray(), before, ResultSteps.LeanBuild);
                var actual = SnippetBuilder.Build(title, body, hits.ToArray(), current, 0);
                Assert.Equal(expected.Select(s => (s.Field, s.Text)), actual.Select(s => (s.Field, s.Text)));
                Assert.Equal(expected.SelectMany(s => s.Highlights), actual.SelectMany(s => s.Highlights));
            }
        }
    }

    private static string RandomText(Random random, int length, bool sparse)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(sparse ? 40 : 3) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('a' + random.Next(26));
        }

        return new string(chars);
    }
}

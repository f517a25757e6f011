using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets19's folded rewrite test (<see cref="ResultSteps.FoldedRewriteTest"/>) against the paths before it.</summary>
public sealed class Snippets19Tests
{
    // Mostly words and single spaces (so that many sentences need no rewriting), with rare terminators, closers,
    // white space of every kind, soft hyphens, control chars and wide chars inside and outside the candidate ranges.
    private const string Rare = ".!?\n\r\u2026\u2028\u2029\u3002\u201D)\u00BB\u00A0\u00AD\u0085\t\u0001\u2009\u200B\u202F\u205F\u3000\u1680\u00E9\u2019\u00AB";

    private static string RandomText(Random random, int length, int rareOneIn)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var roll = random.Next(rareOneIn);
            chars[i] = roll == 0 ? Rare[random.Next(Rare.Length)]
                : roll < rareOneIn / 6 && i > 0 && chars[i - 1] != ' ' ? ' '
                : roll == 1 ? '.'
                : (char)('a' + random.Next(26));
        }

        return new string(chars);
    }

    [Fact]
    public void TerminatorSearches_Clean_SameAsFusedAndNeverMissARewrite()
    {
        var random = new Random(191);
        for (var n = 0; n < 4000; n++)
        {
            var text = RandomText(random, random.Next(1, 400), random.Next(8, 400));
            var from = random.Next(text.Length);
            var to = random.Next(from, text.Length + 1);
            var span = text.AsSpan(from, to - from);

            var dirty = false;
            var last = SentenceBoundaries.LastIndexOfTerminatorClean(span, ref dirty);
            Assert.Equal(SentenceBoundaries.LastIndexOfTerminatorFused(span), last);
            if (!dirty)
            {
                // Nothing after the terminator found needs rewriting, nor are its last char and the next two spaces.
                Assert.False(NeedsRewrite(text.AsSpan(from + last + 1, to - (from + last + 1))));
                Assert.False(to > from + last + 1 && to < text.Length && text[to - 1] == ' ' && text[to] == ' ');
            }

            dirty = false;
            var first = SentenceBoundaries.IndexOfTerminatorClean(span, ref dirty);
            Assert.Equal(SentenceBoundaries.IndexOfTerminatorFused(span), first);
            if (!dirty)
            {
                var end = first < 0 ? to : from + first;
                Assert.False(NeedsRewrite(text.AsSpan(from, end - from)));
            }
        }
    }

    [Fact]
    public void SentenceBounds_Clean_SameAsFusedAndNoRewriteInTheSentence()
    {
        var random = new Random(192);
        var memo = new SentenceMemo();
        var cleanMemo = new SentenceMemo();
        var clean = 0;
        for (var n = 0; n < 300; n++)
        {
            memo.Clear();
            cleanMemo.Clear();
            var text = RandomText(random, random.Next(1, 1500), random.Next(20, 600));
            for (var k = 0; k < 40; k++)
            {
                var position = random.Next(text.Length);
                var limit = Math.Max(0, position - random.Next(0, 600));
                var end = Math.Min(text.Length, position + random.Next(0, 600));
                var dirty = false;
                var start = SentenceBoundaries.StartBeforeClean(text, position, limit, cleanMemo, 1, ref dirty);
                Assert.Equal(SentenceBoundaries.StartBefore(text, position, limit, fast: true, memo, 1, fused: true), start);
                var stop = SentenceBoundaries.EndAfterClean(text, position, end, cleanMemo, 1, ref dirty);
                Assert.Equal(SentenceBoundaries.EndAfter(text, position, end, fast: true, memo, 1, fused: true), stop);
                if (!dirty)
                {
                    clean++;
                    Assert.False(NeedsRewrite(text.AsSpan(start, stop - start)));
                }
            }
        }

        // The folded test let many sentences through.
        Assert.True(clean > 1000, $"{clean}");
    }

    [Fact]
    public void SnippetBuilder_ManyRulesHitsPerArticle_SameWithAndWithoutTheFoldedTest()
    {
        var random = new Random(193);
        var current = new SnippetCache();
        var before = new SnippetCache();
        for (var article = 0; article < 300; article++)
        {
            current.Clear();
            before.Clear();
            var title = RandomText(random, random.Next(1, 200), random.Next(20, 400));
            var body = RandomText(random, random.Next(1, 2500), random.Next(20, 400));
            for (var rule = 0; rule < 40; rule++)
            {
                var hits = new List<TermHit>();
                for (var h = random.Next(1, 6); h > 0; h--)
                {
                    var field = random.Next(4) == 0 ? 0 : 1;
                    var text = field == 0 ? title : body;
                    var start = random.Next(text.Length);
                    if (!char.IsAsciiLetterLower(text[start]))
                    {
                        continue;
                    }

                    // A run of letters, now and then with the spaces and words after it (a phrase).
                    var end = start;
                    var words = random.Next(3) == 0 ? 2 : 1;
                    while (end < text.Length && (char.IsAsciiLetterLower(text[end]) || (text[end] == ' ' && --words > 0)))
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
                var expected = SnippetBuilder.Build(title, body, hits.ToArray(), before, ResultSteps.FoldedRewriteTest);
                var actual = SnippetBuilder.Build(title, body, hits.ToArray(), current, 0);
                Assert.Equal(expected.Select(s => (s.Field, s.Text)), actual.Select(s => (s.Field, s.Text)));
                Assert.Equal(expected.SelectMany(s => s.Highlights), actual.SelectMany(s => s.Highlights));
            }
        }
    }

    private static bool NeedsRewrite(ReadOnlySpan<char> chars) =>
        chars.IndexOfAny(SnippetCache.Special) >= 0 || chars.IndexOf("  ", StringComparison.Ordinal) >= 0;
}

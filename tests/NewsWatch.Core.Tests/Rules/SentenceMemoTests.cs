using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round snippets16's kept sentence verdicts, against testing every terminator afresh and building each match's snippets alone.</summary>
public sealed class SentenceMemoTests
{
    private const string Alphabet = "ab Mr .!?\n\r\u2026\u2028\u3002\u201D)3 A";

    [Fact]
    public void EndsSentence_ManyTextsAndPositions_SameAsTestingEachTime()
    {
        var memo = new SentenceMemo();
        var random = new Random(161);
        for (var article = 0; article < 200; article++)
        {
            // Two fields of different texts, long enough that positions 256 apart share a slot.
            string[] fields = [RandomText(random, random.Next(1, 700)), RandomText(random, random.Next(1, 700))];
            memo.Clear();
            for (var n = 0; n < 2000; n++)
            {
                var field = random.Next(2);
                var text = fields[field];
                var i = random.Next(text.Length);
                if (".!?\n\r\u2026\u2028\u3002".Contains(text[i], StringComparison.Ordinal))
                {
                    Assert.Equal(SentenceBoundaries.EndsSentence(text, i), memo.EndsSentence(text, field, i));
                }
            }
        }
    }

    [Fact]
    public void SentenceBounds_WithTheMemo_SameAsWithout()
    {
        var memo = new SentenceMemo();
        var random = new Random(162);
        for (var n = 0; n < 60; n++)
        {
            // Many searches in one text between two clears, as the rules of one article make them.
            memo.Clear();
            var text = RandomText(random, random.Next(1, 1500));
            for (var k = 0; k < 100; k++)
            {
                var position = random.Next(0, text.Length);
                var limit = Math.Max(0, position - random.Next(0, 600));
                var end = Math.Min(text.Length, position + random.Next(0, 600));
                Assert.Equal(SentenceBoundaries.StartBefore(text, position, limit, fast: true), SentenceBoundaries.StartBefore(text, position, limit, fast: true, memo, 1));
                Assert.Equal(SentenceBoundaries.EndAfter(text, position, end, fast: true), SentenceBoundaries.EndAfter(text, position, end, fast: true, memo, 1));
            }
        }
    }

    [Fact]
    public void Match_ManyRulesOnWordsOfFewSentences_SameAsEachMatchAlone()
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
        var rules = words.Select((w, i) => new RuleDefinition($"r{i}", w)).Append(new RuleDefinition("pair", "alpha NEAR/4 theta")).ToList();
        string[] stops = [". ", "! ", "? ", ".\u201D ", "\n", "\u2026 ", " Mr. ", " U.S. ", " 3.5 ", ", ", "\u3002"];
        var set = RuleSet.Compile(rules);
        var random = new Random(163);
        var snippets = 0;
        for (var n = 0; n < 200; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 900); i > 0; i--)
            {
                text.Append(random.Next(5) == 0 ? stops[random.Next(stops.Length)] : words[random.Next(words.Length)] + " ");
            }

            var title = random.Next(2) == 0 ? null : "Alpha. Beta gamma! Delta";
            var body = text.ToString();
            foreach (var match in set.Match(title, body))
            {
                // The memo of the article's every match against one of this match alone (a cache of its own).
                var hits = ReferenceSnippets.HitsOf(match);
                var expected = SnippetBuilder.Build(title, body, hits, new SnippetCache());
                Assert.Equal(expected.Select(s => (s.Field, s.Text)), match.Snippets.Select(s => (s.Field, s.Text)));
                Assert.Equal(expected.SelectMany(s => s.Highlights), match.Snippets.SelectMany(s => s.Highlights));
                snippets += expected.Length;
            }
        }

        Assert.True(snippets > 1000, $"{snippets} snippets");
    }

    /// <summary>
    /// Articles of <paramref name="words"/> and <paramref name="stops"/> (with <paramref name="title"/> or none):
    /// every match's snippets and highlights those of <see cref="ReferenceSnippets"/> (no memo, no cache, no vector search).
    /// </summary>
    internal static void AssertSnippetsAsTheReference(IReadOnlyList<RuleDefinition> rules, string[] words, string[] stops, string title, int seed, int articles)
    {
        var set = RuleSet.Compile(rules);
        var random = new Random(seed);
        var matched = 0;
        for (var n = 0; n < articles; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 900); i > 0; i--)
            {
                text.Append(random.Next(5) == 0 ? stops[random.Next(stops.Length)] : words[random.Next(words.Length)] + " ");
            }

            var articleTitle = random.Next(2) == 0 ? null : title;
            var body = text.ToString();
            foreach (var match in set.Match(articleTitle, body))
            {
                ReferenceSnippets.AssertSame(articleTitle, body, ReferenceSnippets.HitsOf(match), match.Snippets);
                matched++;
            }
        }

        Assert.True(matched > articles, $"{matched} matches in {articles} articles");
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }
}

using System.Text;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// The building of results (terms, hits, snippets) of round results15 (every candidate evaluated, then the results of
/// those that matched built, their hits and snippets sharing the article's buffers), against each rule matched alone
/// and the reference matcher.
/// </summary>
public sealed class ResultBuildingTests
{
    private const string AllTerminators = ".!?\u2026\n\r\u2028\u2029\u3002\uFF01\uFF1F";

    // Plain letters, terminators of every kind, and non-ASCII chars that are not terminators (some above U+2026).
    private const string Alphabet = "ab .!?\n\r\u2026\u2028\u2029\u3002\uFF01\uFF1F\u2019\u201C\u20AC\u2122\u4E2D\uFF0C\u00E9";

    [Fact]
    public void IndexOfTerminator_RandomText_SameAsSearchingForEveryTerminator()
    {
        var random = new Random(15);
        for (var n = 0; n < 3000; n++)
        {
            var text = RandomText(random, random.Next(0, 120));

            Assert.Equal(text.AsSpan().IndexOfAny(AllTerminators), SentenceBoundaries.IndexOfTerminator(text));
            Assert.Equal(text.AsSpan().LastIndexOfAny(AllTerminators), SentenceBoundaries.LastIndexOfTerminator(text));
        }
    }

    [Theory]
    [InlineData("no end here at all")]
    [InlineData("curly \u2019quotes\u2019 and \u20AC signs, then a stop. More")]
    [InlineData("\u4E2D\u6587\u3002\u4E2D\u6587\uFF01")]
    [InlineData("ellipsis\u2026 then more")]
    public void IndexOfTerminator_Examples_SameAsSearchingForEveryTerminator(string text)
    {
        Assert.Equal(text.AsSpan().IndexOfAny(AllTerminators), SentenceBoundaries.IndexOfTerminator(text));
        Assert.Equal(text.AsSpan().LastIndexOfAny(AllTerminators), SentenceBoundaries.LastIndexOfTerminator(text));
    }

    [Fact]
    public void SentenceBounds_FastSearch_SameAsBefore()
    {
        var random = new Random(16);
        for (var n = 0; n < 2000; n++)
        {
            var text = RandomText(random, random.Next(1, 200));
            var position = random.Next(0, text.Length);
            var limit = random.Next(0, position + 1);
            var end = random.Next(position, text.Length + 1);

            Assert.Equal(SentenceBoundaries.StartBefore(text, position, limit), SentenceBoundaries.StartBefore(text, position, limit, fast: true));
            Assert.Equal(SentenceBoundaries.EndAfter(text, position, end), SentenceBoundaries.EndAfter(text, position, end, fast: true));
        }
    }

    [Fact]
    public void Match_ManyRulesOnWordsOfFewSentences_SameSnippetsAsEachRuleAlone()
    {
        // Every rule hits words of the same few sentences, so most snippets share a window with another rule's.
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
        var rules = words.Select((w, i) => new RuleDefinition($"r{i}", w)).Append(new RuleDefinition("pair", "alpha NEAR/4 theta")).ToList();
        var current = RuleSet.Compile(rules);
        var alone = Alone(rules);
        var random = new Random(18);
        string[] stops = [". ", "! ", "? ", ".\u201D ", "\n", "\u2026 ", " Mr. ", " U.S. ", " 3.5 ", ", ", "\u3002"];
        for (var n = 0; n < 300; n++)
        {
            var text = new StringBuilder();
            for (var i = random.Next(1, 900); i > 0; i--)
            {
                text.Append(random.Next(5) == 0 ? stops[random.Next(stops.Length)] : words[random.Next(words.Length)] + " ");
            }

            var body = text.ToString();
            var actual = current.Match(null, body);
            AssertSame(MatchAlone(alone, null, body), actual);
            AssertSameRulesAsReference(rules, null, body, actual);
        }
    }

    [Fact]
    public void SnippetCache_ManyWindows_FindsEachAfterGrowingAndNoneAfterClear()
    {
        var cache = new SnippetCache();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(-1, cache.Find(i * 7, (i * 7) + 50, i & 7));
            Assert.Equal(i, cache.Add(i * 7, (i * 7) + 50, i & 7, new SnippetCache.Entry($"s{i}", i, -1, 0)));
        }

        for (var i = 0; i < 200; i++)
        {
            var index = cache.Find(i * 7, (i * 7) + 50, i & 7);
            Assert.Equal(i, index);
            Assert.Equal($"s{i}", cache.At(index).Text);
            Assert.Equal(-1, cache.Find(i * 7, (i * 7) + 51, i & 7));
            Assert.Equal(-1, cache.Find(i * 7, (i * 7) + 50, (i & 7) ^ 1));
        }

        cache.Clear();
        Assert.Equal(-1, cache.Find(0, 50, 0));
        Assert.Equal(0, cache.Add(0, 50, 0, new SnippetCache.Entry("again", 0, -1, 0)));
        Assert.Equal(0, cache.Find(0, 50, 0));
    }

    [Fact]
    public void Match_ManyHitsInOneSentence_OneSnippetWithEveryHighlight()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ab")]);
        var body = string.Join(' ', Enumerable.Repeat("ab", 40)) + ".";

        var match = Assert.Single(set.Match(null, body));

        Assert.Equal(40, match.Count);
        Assert.Equal(40, match.Hits.Count);
        var snippet = Assert.Single(match.Snippets);
        Assert.Equal(body, snippet.Text);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => new Highlight(i * 3, 2)), snippet.Highlights);
    }

    [Fact]
    public void Match_ManyRulesAndTexts_SameResultsAsEachRuleAlone()
    {
        string[] queries =
        [
            "ceasefire OR cease-fire OR truce",
            "\"peace talks\" OR talks",
            "talks NEAR/3 truce",
            "title:truce OR (talks AND ceasefire NOT envoy)",
            "truce COUNT>=2",
            "(\"peace talks\" OR cease*) AND (truce OR talks)",
            "envoy",
            "\u505C\u706B",
        ];
        var rules = queries.Select((q, i) => new RuleDefinition($"r{i}", q)).ToList();
        var current = RuleSet.Compile(rules);
        var alone = Alone(rules);
        var random = new Random(17);
        string[] words =
        [
            "ceasefire", "cease-fire", "cease fire", "truce", "Truce", "talks", "peace talks", "envoy", "said", "the", "Mr.", "U.S.",
            "3.5", "\u2019quoted\u2019", "\u201Chello\u201D", ".", "!", "?", "\u2026", "\n", "\u00AD", "\u00A0", "  ", "\t", "\u505C\u706B", "\u3002",
        ];
        var matches = 0;
        var snippets = 0;
        for (var n = 0; n < 300; n++)
        {
            var title = random.Next(3) == 0 ? null : Words(random, words, random.Next(1, 12));
            var body = Words(random, words, random.Next(1, 400));

            var expected = MatchAlone(alone, title, body);
            var actual = current.Match(title, body);
            AssertSame(expected, actual);
            AssertSameRulesAsReference(rules, title, body, actual);
            matches += expected.Count;
            snippets += expected.Sum(m => m.Snippets.Count);
        }

        Assert.True(matches > 1000 && snippets > 2000, $"{matches} matches, {snippets} snippets");
    }

    [Fact]
    public void Match_MoreHitsThanTheLargeLimit_AllKeptThenSmallArticleStillRight()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ab OR cd")]);
        var large = string.Join(". ", Enumerable.Repeat("ab cd", 40_000)) + ".";

        var match = Assert.Single(set.Match(null, large));
        var small = Assert.Single(set.Match(null, "Then cd."));

        Assert.Equal(80_000, match.Count);
        Assert.Equal(80_000, match.Hits.Count);
        Assert.Equal(new RuleHit("cd", "body", (79_999 / 2 * 7) + 3, 2), match.Hits[^1]);
        Assert.Equal(3, match.Snippets.Count);
        Assert.Equal([new RuleHit("cd", "body", 5, 2)], small.Hits);
    }

    [Fact]
    public void Hits_ReadAfterTheScratchWasReused_StillTheArticlesOwn()
    {
        var set = RuleSet.Compile([new RuleDefinition("a", "truce OR talks"), new RuleDefinition("b", "envoy")]);

        var first = set.Match("Truce", "The envoy said talks on a truce went on.");
        var second = set.Match(null, "Talks, talks and more talks with the envoy.");

        Assert.Equal(
            [new RuleHit("truce", "title", 0, 5), new RuleHit("talks", "body", 15, 5), new RuleHit("truce", "body", 26, 5)],
            first[0].Hits);
        Assert.Equal([new RuleHit("envoy", "body", 4, 5)], first[1].Hits);
        Assert.Equal(
            [new RuleHit("talks", "body", 0, 5), new RuleHit("talks", "body", 7, 5), new RuleHit("talks", "body", 22, 5)],
            second[0].Hits);
        Assert.Equal([new RuleHit("envoy", "body", 37, 5)], second[1].Hits);
    }

    [Fact]
    public void Hits_ReadTwiceOrFromManyThreads_TheSameList()
    {
        var set = RuleSet.Compile([new RuleDefinition("a", "truce OR talks")]);
        var match = Assert.Single(set.Match(null, "Talks on a truce."));

        var lists = new IReadOnlyList<RuleHit>[8];
        Parallel.For(0, lists.Length, i => lists[i] = match.Hits);

        Assert.All(lists, list => Assert.Same(lists[0], list));
        Assert.Same(lists[0], match.Hits);
        Assert.Equal(2, lists[0].Count);
    }

    [Fact]
    public void Hits_SetInInitializer_Kept()
    {
        var match = new RuleMatch("r", "q", 1, [], []) { Hits = [new RuleHit("q", "body", 1, 2)] };

        Assert.Equal([new RuleHit("q", "body", 1, 2)], match.Hits);
        Assert.Empty(new RuleMatch("r", "q", 0, [], []).Hits);
    }

    /// <summary>A set of its own for each rule (whose results then share no article buffer with another rule's).</summary>
    internal static RuleSet[] Alone(IEnumerable<RuleDefinition> rules) => rules.Select(rule => RuleSet.Compile([rule])).ToArray();

    /// <summary>The results of every rule matched alone, in rule order: those the set of them all must give.</summary>
    internal static List<RuleMatch> MatchAlone(RuleSet[] alone, string? title, string body) =>
        alone.SelectMany(set => set.Match(title, body)).ToList();

    /// <summary>The rules that matched are those that <see cref="ReferenceMatcher"/> matches.</summary>
    private static void AssertSameRulesAsReference(IEnumerable<RuleDefinition> rules, string? title, string body, IReadOnlyList<RuleMatch> actual)
    {
        Assert.Equal(rules.Where(rule => ReferenceMatcher.Matches(rule, title, body)).Select(rule => rule.Id), actual.Select(m => m.RuleId));
    }

    internal static void AssertSame(IReadOnlyList<RuleMatch> expected, IReadOnlyList<RuleMatch> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.RuleId, a.RuleId);
            Assert.Equal(e.Query, a.Query);
            Assert.Equal(e.Count, a.Count);
            Assert.Equal(e.Terms, a.Terms);
            Assert.Equal(e.Hits, a.Hits);
            Assert.Equal(e.Snippets.Count, a.Snippets.Count);
            for (var s = 0; s < e.Snippets.Count; s++)
            {
                Assert.Equal(e.Snippets[s].Field, a.Snippets[s].Field);
                Assert.Equal(e.Snippets[s].Text, a.Snippets[s].Text);
                Assert.Equal(e.Snippets[s].Highlights, a.Snippets[s].Highlights);
            }
        }
    }

    private static string Words(Random random, string[] words, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(4) == 0 ? string.Empty : " ");
        }

        return text.ToString();
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

using System.Buffers;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Round results17's changes to result building, against the plain searches and the reference snippets.</summary>
public sealed class ResultBuilding17Tests
{
    private const string Alphabet = "ab Mr .!?\n\r\u2026\u2028\u3002\u201D)3 A";

    [Fact]
    public void NeedsRewrite_EveryCharAtEveryPlace_SameAsTheSearches()
    {
        // Each char of the BMP, alone in printable text, at the start, middle and end of windows of lengths
        // around one and two vectors of either width.
        EveryCharAtEveryPlace([1, 2, 15, 16, 17, 31, 32, 33, 34, 63, 64, 65, 66, 100, 300], chars =>
        {
            Assert.Equal(Reference(chars), SnippetBuilder.NeedsRewrite(chars));
            Assert.Equal(Reference(chars), SnippetBuilder.NeedsRewriteLean(chars));
        });
    }

    [Fact]
    public void NeedsRewrite_TwoSpacesAnywhereAndRandomTexts_SameAsTheSearches()
    {
        for (var length = 2; length < 140; length++)
        {
            var chars = new string('y', length).ToCharArray();
            for (var place = 0; place + 1 < length; place++)
            {
                chars[place] = ' ';
                Assert.False(SnippetBuilder.NeedsRewrite(chars));
                Assert.False(SnippetBuilder.NeedsRewriteLean(chars));
                chars[place + 1] = ' ';
                Assert.True(SnippetBuilder.NeedsRewrite(chars));
                Assert.True(SnippetBuilder.NeedsRewriteLean(chars));
                chars[place] = 'y';
                chars[place + 1] = 'y';
            }
        }

        var random = new Random(171);
        const string pool = "abc  .,\u201C\u201D\u2019\u2014\u00E9\u00A0\u00AD\t\n\u2009\u3000\u0001\u00A3\u2030\u0085\u0090\u205F";
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var i = 0; i < chars.Length; i++)
            {
                // Mostly letters, so that many texts need no rewriting.
                chars[i] = random.Next(12) == 0 ? pool[random.Next(pool.Length)] : (char)('a' + random.Next(26));
            }

            Assert.Equal(Reference(chars), SnippetBuilder.NeedsRewrite(chars));
            Assert.Equal(Reference(chars), SnippetBuilder.NeedsRewriteLean(chars));
        }
    }

    [Fact]
    public void FusedTerminatorSearch_EveryCharAtEveryPlaceAndRandomTexts_SameAsTheSetSearch()
    {
        var terminators = SearchValues.Create(".!?\u2026\n\r\u2028\u2029\u3002\uFF01\uFF1F");
        EveryCharAtEveryPlace([1, 31, 32, 33, 63, 64, 65, 100], chars =>
        {
            Assert.Equal(chars.AsSpan().IndexOfAny(terminators), SentenceBoundaries.IndexOfTerminatorFused(chars));
            Assert.Equal(chars.AsSpan().LastIndexOfAny(terminators), SentenceBoundaries.LastIndexOfTerminatorFused(chars));
        });

        var random = new Random(174);
        for (var n = 0; n < 20000; n++)
        {
            var text = RandomText(random, random.Next(0, 700));
            var from = random.Next(text.Length + 1);
            var span = text.AsSpan(from, random.Next(text.Length - from + 1));
            Assert.Equal(span.IndexOfAny(terminators), SentenceBoundaries.IndexOfTerminatorFused(span));
            Assert.Equal(span.LastIndexOfAny(terminators), SentenceBoundaries.LastIndexOfTerminatorFused(span));
        }

        // Texts with many chars that the vector test takes for terminators but are none (\v \f, wide chars).
        const string decoys = "\v\f\u20AC\u2122\u3000\uFF0C\u2027\u202A\uFFFF";
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 300)];
            for (var i = 0; i < chars.Length; i++)
            {
                var r = random.Next(40);
                chars[i] = r < 8 ? decoys[random.Next(decoys.Length)] : r == 8 ? ".!?\n\u2026\u3002"[random.Next(6)] : (char)('a' + random.Next(26));
            }

            Assert.Equal(chars.AsSpan().IndexOfAny(terminators), SentenceBoundaries.IndexOfTerminatorFused(chars));
            Assert.Equal(chars.AsSpan().LastIndexOfAny(terminators), SentenceBoundaries.LastIndexOfTerminatorFused(chars));
        }
    }

    [Fact]
    public void SnippetBuilder_ManyRulesHitsPerArticle_SameAsTheReference()
    {
        var random = new Random(172);
        var current = new SnippetCache();
        for (var article = 0; article < 300; article++)
        {
            current.Clear();
            var title = RandomText(random, random.Next(1, 200));
            var body = RandomText(random, random.Next(1, 2500));

            // Many rules' hits in one article, often in the same sentences.
            for (var rule = 0; rule < 40; rule++)
            {
                var hits = new List<TermHit>();
                for (var h = random.Next(1, 6); h > 0; h--)
                {
                    var field = random.Next(4) == 0 ? 0 : 1;
                    var text = field == 0 ? title : body;
                    // A hit is a run of letters (as the words that terms find).
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
                ReferenceSnippets.AssertSame(title, body, hits, SnippetBuilder.Build(title, body, hits.ToArray(), current));
            }
        }
    }

    [Fact]
    public void Match_ManyRulesOnWordsOfFewSentences_SnippetsAsTheReference()
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "U.S.", "co-op"];
        var rules = words.Select((w, i) => new RuleDefinition($"r{i}", $"\"{w}\"")).Append(new RuleDefinition("pair", "alpha NEAR/4 theta")).ToList();
        string[] stops = [". ", "! ", "? ", ".\u201D ", "\n", "\u2026 ", " Mr. ", " 3.5 ", ", ", "\u3002", "  ", "\u00A0", "\u00AD", "\t", " \u2019 "];
        SentenceMemoTests.AssertSnippetsAsTheReference(rules, words, stops, "Alpha. Beta  gamma! Delta", seed: 173, articles: 300);
    }

    /// <summary>Each char of the BMP alone among 'x's, at the start, middle and end of texts of each of <paramref name="lengths"/>.</summary>
    private static void EveryCharAtEveryPlace(int[] lengths, Action<char[]> check)
    {
        foreach (var length in lengths)
        {
            var chars = new char[length];
            for (var c = 0; c <= char.MaxValue; c++)
            {
                foreach (var place in new[] { 0, length / 2, length - 1 })
                {
                    chars.AsSpan().Fill('x');
                    chars[place] = (char)c;
                    check(chars);
                }
            }
        }
    }

    private static bool Reference(ReadOnlySpan<char> chars) =>
        chars.IndexOfAny(SnippetCache.Special) >= 0 || chars.IndexOf("  ", StringComparison.Ordinal) >= 0;

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(3) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('a' + random.Next(26));
        }

        return new string(chars);
    }
}

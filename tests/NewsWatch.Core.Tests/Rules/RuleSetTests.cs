using System.Text.Json;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class RuleSetTests
{
    public static TheoryData<string> MatchCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in LoadMatchCases())
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MatchCaseNames))]
    public void Match_CaseFromFile_MatchesAsExpected(string name)
    {
        var c = LoadMatchCases().Single(x => x.Name == name);
        var set = RuleSet.Compile([new RuleDefinition("r", c.Query)]);

        var matches = set.Match(null, c.Text);

        Assert.Equal(c.Match, matches.Count == 1);
    }

    [Fact]
    public void Match_LargeTextThenSmall_ScratchBackToSmallSize()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"boots on the ground\" OR ceasefire")]);
        var large = string.Concat(Enumerable.Repeat("Troops were seen near the border today. ", 25_000)) + "No boots on the ground.";
        const string Small = "A ceasefire was agreed. No boots on the ground, he said.";

        var largeMatch = Assert.Single(set.Match(null, large));
        var afterLarge = set.PooledScratchCapacityChars();
        var smallMatch = Assert.Single(set.Match("Ceasefire", Small));
        var afterSmall = set.PooledScratchCapacityChars();
        var again = Assert.Single(set.Match(null, large));

        Assert.True(large.Length > 1_000_000);
        Assert.Equal(largeMatch.Hits, again.Hits);
        Assert.Equal(large.Length - 20, Assert.Single(largeMatch.Hits).Start);
        Assert.Equal(3, smallMatch.Hits.Count);
        Assert.True(afterLarge <= 8192, $"after a 1 MB text the scratch kept room for {afterLarge} chars");
        Assert.True(afterSmall <= 8192, $"after a small text the scratch kept room for {afterSmall} chars");
    }

    [Fact]
    public void Match_PhraseAcrossLineBreak_IsFound()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"boots on the ground\"")]);

        var match = Assert.Single(set.Match(null, "No boots on the\nground, he said."));

        var snippet = Assert.Single(match.Snippets);
        Assert.Equal("No boots on the ground, he said.", snippet.Text);
        Assert.Equal(new Highlight(3, 19), Assert.Single(snippet.Highlights));
    }

    [Fact]
    public void Match_SampleArticle_GoldenSnippets()
    {
        const string title = "Ceasefire talks resume in Geneva";
        const string body =
            "GENEVA — Envoys met on Monday as the U.S. pressed for a cease-fire. Mr. Smith said a ceasefire was " +
            "\"within reach\" and that 3.5 million people depend on it.\n\n" +
            "Critics warned against boots on the ground. The ceasefire, they said, must hold!";
        var set = RuleSet.Compile(
        [
            new RuleDefinition("ceasefire", "ceasefire OR \"cease-fire\"", Compounds: false),
            new RuleDefinition("troops", "\"boots on the ground\" NOT drill"),
            new RuleDefinition("absent", "\"peace deal\""),
        ]);

        var matches = set.Match(title, body);

        Assert.Equal(["ceasefire", "troops"], matches.Select(m => m.RuleId));
        var ceasefire = matches[0];
        Assert.Equal(4, ceasefire.Count);
        Assert.Equal(
            [new TermMatch("ceasefire", "title", 1), new TermMatch("ceasefire", "body", 2), new TermMatch("cease-fire", "body", 1)],
            ceasefire.Terms);
        Assert.Equal(3, ceasefire.Snippets.Count);
        AssertSnippet(ceasefire.Snippets[0], "title", "Ceasefire talks resume in Geneva", (0, 9));
        AssertSnippet(ceasefire.Snippets[1], "body", "GENEVA — Envoys met on Monday as the U.S. pressed for a cease-fire.", (56, 10));
        AssertSnippet(ceasefire.Snippets[2], "body", "Mr. Smith said a ceasefire was \"within reach\" and that 3.5 million people depend on it.", (17, 9));

        var troops = matches[1];
        Assert.Equal(1, troops.Count);
        AssertSnippet(Assert.Single(troops.Snippets), "body", "Critics warned against boots on the ground.", (23, 19));
    }

    [Fact]
    public void Match_TwoHitsInOneSentence_MergeIntoOneSnippet()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "war OR peace")]);

        var match = Assert.Single(set.Match(null, "First line. Between war and peace there is war! Last."));

        Assert.Equal(3, match.Count);
        AssertSnippet(Assert.Single(match.Snippets), "body", "Between war and peace there is war!", (8, 3), (16, 5), (31, 3));
    }

    [Fact]
    public void Match_ManySentences_CapsSnippetsAtThree()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "war")]);

        var match = Assert.Single(set.Match(null, "War one. War two. War three. War four. War five."));

        Assert.Equal(5, match.Count);
        Assert.Equal(3, match.Snippets.Count);
        Assert.Equal("War three.", match.Snippets[2].Text);
    }

    [Fact]
    public void Match_LongSentence_TrimsToWindowWithOffsetsIntact()
    {
        var filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 40));
        var body = filler + "the ceasefire held " + filler + "end.";
        var set = RuleSet.Compile([new RuleDefinition("r", "ceasefire")]);

        var snippet = Assert.Single(Assert.Single(set.Match(null, body)).Snippets);

        Assert.InRange(snippet.Text.Length, 100, 320);
        Assert.StartsWith("\u2026", snippet.Text, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", snippet.Text, StringComparison.Ordinal);
        var h = Assert.Single(snippet.Highlights);
        Assert.Equal("ceasefire", snippet.Text.Substring(h.Start, h.Length));
    }

    [Fact]
    public void Match_AbbreviationsAndDecimals_DoNotSplitSentence()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "troops")]);

        var match = Assert.Single(set.Match(null, "Before. Mr. Lee said the U.S. sent 2.5 thousand troops to St. Louis today. After."));

        Assert.Equal("Mr. Lee said the U.S. sent 2.5 thousand troops to St. Louis today.", Assert.Single(match.Snippets).Text);
    }

    [Theory]
    [InlineData("Before it.\n\n\"There will be no ceasefire yet,\" he said.\n\nAfter.", "\"There will be no ceasefire yet,\" he said.")]
    [InlineData("Before it.\n\u201CNo ceasefire yet,\u201D he said. After.", "\u201CNo ceasefire yet,\u201D he said.")]
    [InlineData("He said: \"Yes.\" \"A ceasefire is near,\" she said.", "\"A ceasefire is near,\" she said.")]
    [InlineData("\"No ceasefire.\" Then silence.", "\"No ceasefire.\"")]
    public void Match_QuoteOpeningASentence_StaysInTheSnippet_AClosingOneWithTheSentenceBefore(string body, string expected)
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ceasefire")]);

        var snippet = Assert.Single(Assert.Single(set.Match(null, body)).Snippets);

        Assert.Equal(expected, snippet.Text);
        var h = Assert.Single(snippet.Highlights);
        Assert.Equal("ceasefire", snippet.Text.Substring(h.Start, h.Length));
    }

    [Theory]
    [InlineData("Die Stadt lädt alle Berliner*innen ein.")]
    [InlineData("Die Stadt lädt alle Berliner:innen ein.")]
    [InlineData("Die Stadt lädt alle Berliner_innen ein.")]
    public void Match_GermanGenderStarInAQuery_FindsTheStarColonAndUnderscoreSpellings(string body)
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"alle Berliner*innen\"", "de")]);

        var match = Assert.Single(set.Match(null, body));

        var snippet = Assert.Single(match.Snippets);
        var h = Assert.Single(snippet.Highlights);
        Assert.StartsWith("alle Berliner", snippet.Text.Substring(h.Start, h.Length), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_SnippetText_CollapsesWhitespaceAndDropsSoftHyphen()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ceasefire")]);

        var snippet = Assert.Single(Assert.Single(set.Match(null, "  A   cease\u00ADfire\tnow.  ")).Snippets);

        Assert.Equal("A ceasefire now.", snippet.Text);
        Assert.Equal(new Highlight(2, 9), Assert.Single(snippet.Highlights));
    }

    [Fact]
    public void Match_RulesSharingSentences_GetTheSnippetsEachGetsAlone()
    {
        // Snippet texts are built once per window and shared by the rules of one article: each rule must still
        // get exactly what it gets alone (plain and collapsed sentences, "…" windows, title and body).
        var filler = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"w{i}"));
        var body = $"  Alpha   beta\tgamma.  Delta epsilon zeta eta. {filler} alpha {filler} theta {filler}. Cease\u00ADfire beta iota.\n\nKappa alpha.";
        const string title = "Alpha and  beta";
        string[] queries = ["alpha", "beta", "gamma OR delta", "\"epsilon zeta\"", "theta", "ceasefire", "iota NEAR/3 beta", "alpha COUNT>=2", "kappa", "title:beta"];
        var rules = queries.Select((q, i) => new RuleDefinition($"r{i}", q)).ToArray();
        var together = RuleSet.Compile(rules).Match(title, body).ToDictionary(m => m.RuleId);

        Assert.Equal(rules.Length, together.Count);
        foreach (var rule in rules)
        {
            var alone = Assert.Single(RuleSet.Compile([rule]).Match(title, body));
            var shared = together[rule.Id];
            Assert.Equal(alone.Snippets.Select(s => (s.Field, s.Text)), shared.Snippets.Select(s => (s.Field, s.Text)));
            Assert.Equal(alone.Snippets.SelectMany(s => s.Highlights), shared.Snippets.SelectMany(s => s.Highlights));
        }
    }

    [Fact]
    public void Match_TitleAndBody_AreSeparateFields()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"peace talks\"")]);

        Assert.Empty(set.Match("Hopes for peace", "talks resumed."));
        var match = Assert.Single(set.Match("Peace talks", "The peace talks resumed."));
        Assert.Equal([new TermMatch("peace talks", "title", 1), new TermMatch("peace talks", "body", 1)], match.Terms);
        Assert.Equal(["title", "body"], match.Snippets.Select(s => s.Field));
    }

    [Fact]
    public void Match_AndAcrossFields_Matches()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "ukraine AND ceasefire")]);

        Assert.Single(set.Match("Ukraine", "A ceasefire was agreed."));
    }

    [Fact]
    public void Match_NotTerm_IsNeverHighlightedNorCounted()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "(ceasefire NOT rumour) OR troops")]);

        var match = Assert.Single(set.Match(null, "A ceasefire rumour. Troops moved."));

        Assert.Equal(2, match.Count);
        Assert.DoesNotContain(match.Terms, t => t.Term == "rumour");
        Assert.DoesNotContain(match.Snippets.SelectMany(s => s.Highlights.Select(h => s.Text.Substring(h.Start, h.Length))), x => x == "rumour");
    }

    [Fact]
    public void Match_Precedence_NotBindsTighterThanOr()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "war OR peace NOT treaty")]);

        Assert.Single(set.Match(null, "war and treaty"));
        Assert.Empty(set.Match(null, "peace and treaty"));
        Assert.Single(set.Match(null, "peace"));
    }

    [Fact]
    public void Match_ResultsKeepRuleOrder()
    {
        var set = RuleSet.Compile([new RuleDefinition("b", "beta"), new RuleDefinition("a", "alpha"), new RuleDefinition("c", "gamma")]);

        Assert.Equal(["b", "a"], set.Match(null, "alpha beta").Select(m => m.RuleId));
    }

    [Fact]
    public void Match_SharedTermWrittenDifferently_ReportsEachRulesSpelling()
    {
        var set = RuleSet.Compile([new RuleDefinition("a", "\"Cease-Fire\""), new RuleDefinition("b", "\"cease fire\"")]);

        var matches = set.Match(null, "cease fire");

        Assert.Equal(["Cease-Fire", "cease fire"], matches.Select(m => m.Terms.Single().Term));
    }

    [Fact]
    public void Match_EveryHighlight_FoldsToTheMatchedTerm()
    {
        var rules = new[] { "\"boots on the ground\"", "ceasefire", "\"Russia's\"", "negotiat*", "istanbul", "\"东京\"", "мой" }
            .Select((q, i) => new RuleDefinition($"r{i}", q)).ToArray();
        const string body = "BOOTS ON THE\u00A0Ground! Cease\u00ADfire in İstanbul. Russia’s negotiators; 东京 and МОЙ.\nCeasefire again, boots on\nthe ground.";
        var set = RuleSet.Compile(rules);

        var matches = set.Match("Istanbul ceasefire", body);

        Assert.Equal(rules.Length, matches.Count);
        foreach (var match in matches)
        {
            var term = Fold(match.Terms[0].Term.TrimEnd('*'));
            foreach (var snippet in match.Snippets)
            {
                Assert.NotEmpty(snippet.Highlights);
                foreach (var h in snippet.Highlights)
                {
                    var folded = Fold(snippet.Text.Substring(h.Start, h.Length));
                    if (match.Query.EndsWith('*'))
                    {
                        Assert.StartsWith(term, folded, StringComparison.Ordinal);
                    }
                    else
                    {
                        Assert.Equal(term, folded);
                    }
                }
            }
        }
    }

    [Fact]
    public void Compile_UnbalancedParenthesis_ReportsColumn()
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleSet.Compile(
            [new RuleDefinition("ok", "war"), new RuleDefinition("ceasefire", "ceasefire OR truce)"), new RuleDefinition("bad2", "(")]));

        Assert.Equal("ceasefire", ex.RuleId);
        Assert.Equal(19, ex.Column);
    }

    [Fact]
    public void Compile_KeepsRulesInOrder()
    {
        var rules = new[] { new RuleDefinition("x", "a"), new RuleDefinition("y", "b") };

        Assert.Equal(rules, RuleSet.Compile(rules).Rules);
    }

    [Fact]
    public void Match_NoHits_ReturnsEmpty()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "war")]);

        Assert.Empty(set.Match(null, string.Empty));
        Assert.Empty(set.Match("peace", "nothing here"));
    }

    [Fact]
    public async Task Match_FromManyThreads_GivesSameResults()
    {
        var set = RuleSet.Compile([new RuleDefinition("a", "\"boots on the ground\""), new RuleDefinition("b", "ceasefire OR truce")]);
        var texts = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? $"boots on the ground {i} truce" : $"ceasefire {i}").ToArray();
        var expected = texts.Select(t => string.Join(',', set.Match(null, t).Select(m => m.RuleId + m.Count))).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            texts.Select(t => string.Join(',', set.Match(null, t).Select(m => m.RuleId + m.Count))).ToArray())));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Theory]
    [InlineData("\"the white house\"", "the white house", 1)] // anchored on the middle word
    [InlineData("\"of the government\"", "government of the government", 1)] // anchored on the last word, at the text's end
    [InlineData("\"government of the\"", "of the government of the", 1)] // anchor first, phrase runs to the text's end
    [InlineData("\"of the government\"", "the government", 0)] // would start before the text
    [InlineData("\"government of the\"", "the government of", 0)] // would run past the text
    [InlineData("\"the the\"", "the the the", 2)] // overlapping hits, each once
    [InlineData("\"neg* the talks\"", "negotiators said the talks, the talks", 0)]
    [InlineData("\"neg* the talks\"", "negotiators the talks; neg the talks", 2)] // prefix word checked around the anchor
    [InlineData("\"negotiat* th*\"", "negotiations then negotiators", 1)] // prefixes only: anchored on the longest
    public void Match_PhraseAnchoredOnItsLongestWord_FindsEveryOccurrence(string query, string text, int count)
    {
        var set = RuleSet.Compile([new RuleDefinition("r", query)]);

        var matches = set.Match(null, text);

        Assert.Equal(count, matches.Count == 0 ? 0 : Assert.Single(matches).Count);
    }

    [Fact]
    public void Match_PhraseAnchoredInTitleAndBody_CountsEachField()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "\"the white house\"")]);

        var match = Assert.Single(set.Match("The White House said", "the white house. White house. the white house"));

        Assert.Equal([new TermMatch("the white house", "title", 1), new TermMatch("the white house", "body", 2)], match.Terms);
    }

    private static string Fold(string text)
    {
        var buffer = new TokenBuffer();
        buffer.Tokenize(text);
        return string.Join(' ', Enumerable.Range(0, buffer.Count).Select(i => buffer.Folded(i).ToString()));
    }

    [Fact]
    public void Match_ManyWildcardPrefixes_FindsShortAndLongPrefixes()
    {
        // Many prefixes fill the first-three-chars filter; prefixes of one and two chars are probed without it.
        var random = new Random(3);
        var rules = Enumerable.Range(0, 2000)
            .Select(i => new RuleDefinition($"p{i}", new string(Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray()) + "*"))
            .Concat([new RuleDefinition("short", "q*"), new RuleDefinition("two", "zy*"), new RuleDefinition("long", "negotiat*"), new RuleDefinition("phrase", "\"tr* ceasefire\"")])
            .ToList();
        var set = RuleSet.Compile(rules);

        var ids = set.Match(null, "Quiet zyx negotiations, a true ceasefire.").Select(m => m.RuleId).ToHashSet();

        Assert.Contains("short", ids);
        Assert.Contains("two", ids);
        Assert.Contains("long", ids);
        Assert.Contains("phrase", ids);
        Assert.DoesNotContain("long", set.Match(null, "negotiable terms").Select(m => m.RuleId));
    }

    private static void AssertSnippet(Snippet snippet, string field, string text, params (int Start, int Length)[] highlights)
    {
        Assert.Equal(field, snippet.Field);
        Assert.Equal(text, snippet.Text);
        Assert.Equal(highlights.Select(h => new Highlight(h.Start, h.Length)), snippet.Highlights);
    }

    private static List<MatchCase> LoadMatchCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Rules", "match-cases.json");
        return JsonSerializer.Deserialize<List<MatchCase>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private sealed record MatchCase(string Name, string Query, string Text, bool Match);
}

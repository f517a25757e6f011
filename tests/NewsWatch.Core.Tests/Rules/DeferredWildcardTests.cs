using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Wildcard terms that select no rule are looked for in the body only when a rule that reads them is a candidate
/// (<c>RuleSet.DeferredPass</c>); the results are those of scanning for them with every word (as the scan does for
/// a wildcard that also selects a rule of its own) and those of the reference matcher.
/// </summary>
public sealed class DeferredWildcardTests
{
    private static readonly string[] TextWords =
    [
        "negotiated", "negotiating", "renegotiated", "negotiat", "nego", "ceasefire", "troops", "border", "borders", "Straße",
        "strassen", "Strasbourg", "nato", "alliance", "NATO", "talks", "talking", "Київ", "київська", "the", "on",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "-", "\n", ". ", ", ", " <b>", "</b> ", "’", "\u00AD"];

    [Theory]
    [InlineData("(\"nato alliance\" OR negotiat*) AND (troops OR border)", 1)]
    [InlineData("\"nato troops\" NOT borde*", 1)]
    [InlineData("(negotiat* OR talk*) NEAR/5 ceasefire", 2)]
    [InlineData("negotiat*", 0)]
    [InlineData("negotiat* COUNT>=2", 0)]
    [InlineData("negotiat* AND talk*", 1)]
    [InlineData("ne* AND troops", 0)]
    [InlineData("\"negotiat* ceasefire\" AND troops", 0)]
    public void Compile_WildcardsThatSelectNoRule_AreDeferred(string query, int deferred)
    {
        Assert.Equal(deferred, RuleSet.Compile([new RuleDefinition("r", query)]).DeferredPrefixCount);
    }

    [Fact]
    public void Compile_PrefixThatAlsoSelectsARule_IsNotDeferred()
    {
        var set = RuleSet.Compile([new RuleDefinition("a", "negotiat* AND troops"), new RuleDefinition("b", "negotiat*")]);

        Assert.Equal(0, set.DeferredPrefixCount);
    }

    [Fact]
    public void Compile_WildcardAlternativeOfAnAnd_OtherOperandSelects()
    {
        // The operand without a wildcard selects, even though it has more terms.
        var set = RuleSet.Compile([new RuleDefinition("r", "negotiat* AND (troops OR border OR alliance)")]);

        Assert.Equal(1, set.DeferredPrefixCount);
        Assert.Single(set.Match(null, "Troops were sent after talks were renegotiated, then negotiated again."));
        Assert.Empty(set.Match(null, "Negotiated, but nothing else."));
        Assert.Empty(set.Match(null, "Troops were sent after talks were renegotiated."));
    }

    [Fact]
    public void Match_DeferredWildcardInTitleAndBody_HitsInOrder()
    {
        var set = RuleSet.Compile([new RuleDefinition("r", "negotiat* AND troops")]);
        var match = Assert.Single(set.Match("Negotiating troops", "The troops negotiated; renegotiated; negotiating again. Nego."));

        Assert.Equal(
            [(0, 0, 11), (1, 11, 10), (1, 37, 11)],
            match.Hits.Where(h => h.Term.StartsWith("negotiat", StringComparison.Ordinal)).Select(h => (h.Field == "title" ? 0 : 1, h.Start, h.Length)));
    }

    [Fact]
    public void Match_ManyDeferredPrefixesInOneArticle_OnePassOverTheWords_SameResults()
    {
        // More deferred prefixes than RuleSet.MaxDeferredSearches are needed: one pass over the words finds them.
        string[] prefixes = ["negotiat", "talk", "borde", "stras", "allian", "ceasef", "troo"];
        string[] selecting = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"];
        var rules = prefixes.Select((p, i) => new RuleDefinition($"r{i}", $"(\"x y\" OR {p}*) AND {selecting[i]}")).ToList();
        Assert.True(prefixes.Length > RuleSet.MaxDeferredSearches);
        var current = RuleSet.Compile(rules);
        var scanned = Scanned(rules, prefixes, [null]);
        Assert.Equal(prefixes.Length, current.DeferredPrefixCount);
        Assert.Equal(0, scanned.DeferredPrefixCount);

        // Enough articles that need the pass for the scan to stop deferring, then enough that do not for it to
        // defer again (a score moved by one article in eight while it does not), then both: the same results.
        var random = new Random(22);
        for (var n = 0; n < 700; n++)
        {
            var many = n < 60 || (n >= 500 && n % 2 == 0);
            var body = many
                ? "Alpha beta gamma delta epsilon zeta eta: negotiating troops at the border; Strasbourg alliance; ceasefire, talking. " + Text(random, 30)
                : "Alpha: border talks were renegotiated. " + Text(random, 10);
            var actual = current.Match("Talks", body);
            AssertSame(Without(scanned.Match("Talks", body)), actual);
            AssertSameRulesAsReference(rules, "Talks", body, actual);
            if (n is 0 or 59 or 499)
            {
                Assert.Equal(n != 59, current.DefersWildcards);
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RuleSet.PairThreshold + 20)]
    public void Match_GeneratedRulesAndTexts_SameResultsAsScanningEveryWildcard(int fillers)
    {
        // With fillers (phrases of words no text has), the set tests adjacent pairs in the hash loop.
        string[] wildcards = ["negotiat*", "talk*", "borde*", "stras*", "київ*", "\"nato allian*\"", "(negotiat* OR talk*)"];
        string[] words = ["troops", "ceasefire", "nato", "alliance", "\"nato alliance\"", "border", "case:NATO", "Straße"];
        var random = new Random(21);
        for (var n = 0; n < (fillers == 0 ? 400 : 100); n++)
        {
            var rules = Enumerable.Range(0, fillers).Select(i => new RuleDefinition($"f{i}", $"\"alpha{i} omega{i}\"")).ToList();
            for (var r = 0; r < 8; r++)
            {
                string W() => wildcards[random.Next(wildcards.Length)];
                string E() => words[random.Next(words.Length)];
                var query = random.Next(7) switch
                {
                    0 => $"({E()} OR {W()}) AND ({E()} OR {E()})",
                    1 => $"{E()} NOT {W()}",
                    2 => $"{W()} NEAR/3 {E()}",
                    3 => $"{E()} ONEAR/4 {W()}",
                    4 => $"title:{W()} AND {E()}",
                    5 => $"{W()} COUNT>=2 AND {E()}",
                    _ => random.Next(2) == 0 ? W() : $"{W()} AND {E()}",
                };
                var rule = new RuleDefinition($"r{r}", query, random.Next(4) == 0 ? "de" : null);
                try
                {
                    RuleParser.Check(rule);
                    rules.Add(rule);
                }
                catch (RuleSyntaxException)
                {
                    // A generated rule that can never match.
                }
            }

            var current = RuleSet.Compile(rules);
            var scanned = Scanned(rules, ["negotiat", "talk", "borde", "stras", "київ", "allian"], [null, "de"]);
            Assert.Equal(fillers > 0, current.UsesPairFilter);
            Assert.Equal(0, scanned.DeferredPrefixCount);
            var title = random.Next(3) == 0 ? null : Text(random, 5);
            var body = Text(random, 60);
            var fast = current.Match(title, body);
            AssertSame(Without(scanned.Match(title, body)), fast);
            ReferenceMatcher.AssertAgrees(rules, title, body, fast);
        }
    }

    /// <summary>
    /// The set of <paramref name="rules"/> and, for every prefix of <paramref name="prefixes"/> in each of
    /// <paramref name="languages"/>, a rule of that wildcard alone (id "eager..."): no prefix is deferred, every
    /// wildcard is looked for with every word in the scan.
    /// </summary>
    private static RuleSet Scanned(IEnumerable<RuleDefinition> rules, string[] prefixes, string?[] languages) =>
        RuleSet.Compile([.. rules, .. prefixes.SelectMany(p => languages.Select(l => new RuleDefinition($"eager-{p}-{l}", $"{p}*", l)))]);

    /// <summary>The results without those of the rules <see cref="Scanned"/> added.</summary>
    private static List<RuleMatch> Without(IReadOnlyList<RuleMatch> matches) =>
        matches.Where(m => !m.RuleId.StartsWith("eager-", StringComparison.Ordinal)).ToList();

    private static void AssertSameRulesAsReference(IEnumerable<RuleDefinition> rules, string? title, string body, IReadOnlyList<RuleMatch> actual)
    {
        Assert.Equal(rules.Where(rule => ReferenceMatcher.Matches(rule, title, body)).Select(rule => rule.Id), actual.Select(m => m.RuleId));
    }

    private static void AssertSame(IReadOnlyList<RuleMatch> expected, IReadOnlyList<RuleMatch> actual)
    {
        Assert.Equal(expected.Select(m => m.RuleId), actual.Select(m => m.RuleId));
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Count, a.Count);
            Assert.Equal(e.Terms, a.Terms);
            Assert.Equal(e.Hits, a.Hits);
            Assert.Equal(e.Snippets.Select(s => (s.Field, s.Text)), a.Snippets.Select(s => (s.Field, s.Text)));
            Assert.Equal(e.Snippets.SelectMany(s => s.Highlights), a.Snippets.SelectMany(s => s.Highlights));
        }
    }

    private static string Text(Random random, int words) => RuleMatcherPropertyTests.Text(random, words, TextWords, Separators);
}

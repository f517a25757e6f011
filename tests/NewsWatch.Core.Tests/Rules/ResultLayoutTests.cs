using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Round 18: candidates found, evaluated and built from their result blocks (<c>RuleSet.EvaluateBlocks</c>: a
/// rule's positive terms, fields and display place just before its query in the flat program, its displays in one
/// pool, its id and query in one array) give the results of each rule matched alone (a set of one rule, its block
/// at the start of the program and its displays at the start of the pool) and of the reference matcher: ids,
/// queries, counts, terms, hits and snippets, with the pair filter and without, titles and none.
/// </summary>
public sealed class ResultLayoutTests
{
    private static readonly string[] TextWords =
    [
        "troops", "ceasefire", "cease-fire", "border", "nato", "NATO", "alliance", "talks", "talking", "negotiated", "the", "on",
        "boots", "ground", "Straße", "київ", "київська",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "-", "\n", ". ", ", ", "’", "! "];

    private static readonly string[] Leaves =
    [
        "troops", "ceasefire", "border", "nato", "alliance", "talk*", "negotiat*", "\"nato alliance\"", "\"boots on the ground\"",
        "title:troops", "body:ceasefire", "title:talk*", "case:NATO", "straße", "київ*", "\"negotiat* ceasefire\"",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Match_GeneratedRules_SameResultsAsEachRuleAloneAndTheReference(bool pairFilter)
    {
        var random = new Random(pairFilter ? 181 : 18);
        for (var n = 0; n < 150; n++)
        {
            // Fillers first (phrases no text has), enough of them for the pair filter where asked: the generated
            // rules' displays then sit deep in the display pool.
            var rules = Enumerable.Range(0, pairFilter ? RuleSet.PairThreshold + 10 : 3)
                .Select(i => new RuleDefinition($"f{i}", $"\"alpha{i} omega{i}\" OR \"gamma{i} delta{i}\"")).ToList();
            Structured17Tests.AddGenerated(rules, random, 12, 6, Leaves);

            var current = RuleSet.Compile(rules);
            Assert.Equal(pairFilter, current.UsesPairFilter);
            var title = random.Next(3) == 0 ? null : RuleMatcherPropertyTests.Text(random, 8, TextWords, Separators);
            var body = RuleMatcherPropertyTests.Text(random, 80, TextWords, Separators);

            // The fillers match no text: the generated rules alone give every result.
            var expected = ResultBuildingTests.MatchAlone(ResultBuildingTests.Alone(rules.Where(r => r.Id.StartsWith('r'))), title, body);
            var actual = current.Match(title, body);

            ResultBuildingTests.AssertSame(expected, actual);
            Assert.Equal(expected.Count, current.CountMatches(title, body));
            ReferenceMatcher.AssertAgrees(rules.Where(r => r.Id.StartsWith('r')), title, body, actual);
        }
    }

    [Fact]
    public void Match_RulesLaterInThePool_ReportTheirOwnTermsIdsAndQueries()
    {
        List<RuleDefinition> rules =
        [
            new("first", "alliance OR border"),
            new("second", "\"boots on the ground\" NEAR/5 (troops OR soldiers)"),
            new("third", "title:ceasefire AND (NATO OR talk*) NOT rumour"),
        ];
        var set = RuleSet.Compile(rules);

        var matches = set.Match("Ceasefire talks", "NATO troops: boots on the ground, said the alliance.");

        Assert.Equal(["first", "second", "third"], matches.Select(m => m.RuleId));
        Assert.Equal(rules.Select(r => r.Query), matches.Select(m => m.Query));
        Assert.Equal([new TermMatch("alliance", "body", 1)], matches[0].Terms);
        Assert.Equal([new TermMatch("boots on the ground", "body", 1), new TermMatch("troops", "body", 1)], matches[1].Terms);
        Assert.Equal([new TermMatch("ceasefire", "title", 1), new TermMatch("NATO", "body", 1), new TermMatch("talk*", "title", 1)], matches[2].Terms);
        Assert.Equal(
            [("troops", "body", 5), ("boots on the ground", "body", 13)],
            matches[1].Hits.Select(h => (h.Term, h.Field, h.Start)));
        Assert.Equal(
            [("ceasefire", "title", 0), ("talk*", "title", 10), ("NATO", "body", 0)],
            matches[2].Hits.Select(h => (h.Term, h.Field, h.Start)));
    }
}

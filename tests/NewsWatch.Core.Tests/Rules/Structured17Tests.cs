using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>
/// Round structured17: candidates evaluated on the flat form of their queries (<c>QueryEvaluator.Compile</c>) give
/// the results of each rule matched alone (its query first in the program) and of the reference matcher.
/// </summary>
public sealed class Structured17Tests
{
    private static readonly string[] TextWords =
    [
        "troops", "ceasefire", "border", "borders", "nato", "alliance", "talks", "talking", "negotiated", "the", "on",
        "Straße", "strassen", "київ", "київська",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "-", "\n", ". ", ", ", "’"];

    private static readonly string[] Leaves =
    [
        "troops", "ceasefire", "border", "nato", "alliance", "talk*", "negotiat*", "\"nato alliance\"", "\"the border\"",
        "title:troops", "body:ceasefire", "title:talk*", "case:NATO", "straße", "київ*",
    ];

    [Fact]
    public void Match_GeneratedNestedRules_SameResultsAsEachRuleAloneAndTheReference()
    {
        var random = new Random(17);
        for (var n = 0; n < 300; n++)
        {
            var rules = new List<RuleDefinition>();
            AddGenerated(rules, random, 10, 5, Leaves);

            var current = RuleSet.Compile(rules);
            var title = random.Next(3) == 0 ? null : RuleMatcherPropertyTests.Text(random, 6, TextWords, Separators);
            var body = RuleMatcherPropertyTests.Text(random, 50, TextWords, Separators);
            var flat = current.Match(title, body);
            var expected = ResultBuildingTests.MatchAlone(ResultBuildingTests.Alone(rules), title, body);
            Assert.Equal(expected.Select(m => m.RuleId), flat.Select(m => m.RuleId));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Hits, flat[i].Hits);
                Assert.Equal(expected[i].Terms, flat[i].Terms);
            }

            Assert.Equal(flat.Count, current.CountMatches(title, body));
            ReferenceMatcher.AssertAgrees(rules, title, body, flat);
        }
    }

    [Theory]
    [InlineData("troops COUNT>=3", "troops, troops and troops", true)]
    [InlineData("troops COUNT>=3", "troops and troops", false)]
    [InlineData("(troops OR border) COUNT>=3", "troops at the border, troops", true)]
    [InlineData("(troops NEAR/2 border) COUNT>=2", "troops at the border", true)]
    [InlineData("(troops NEAR/2 border) COUNT>=2", "troops far far far from the border", false)]
    [InlineData("troops NOT border NOT nato", "troops and nato", false)]
    [InlineData("troops NOT border NOT nato", "troops alone", true)]
    [InlineData("(troops AND (border OR nato)) NOT (talks AND ceasefire)", "troops, nato, talks", true)]
    [InlineData("(troops AND (border OR nato)) NOT (talks AND ceasefire)", "troops, nato, talks, ceasefire", false)]
    [InlineData("(troops OR ceasefire) AND (border OR nato) AND talks", "ceasefire nato talks", true)]
    [InlineData("(troops OR ceasefire) AND (border OR nato) AND talks", "ceasefire nato", false)]
    public void Match_FlatForm_DecidesAsTheOperatorsSay(string query, string body, bool matches)
    {
        var current = RuleSet.Compile([new RuleDefinition("r", query)]);

        Assert.Equal(matches, current.Match(null, body).Count == 1);
        Assert.Equal(matches ? 1 : 0, current.CountMatches(null, body));
        Assert.Equal(matches, ReferenceMatcher.Matches(new RuleDefinition("r", query), null, body));
    }

    /// <summary>
    /// Adds <paramref name="count"/> generated rules r0, r1, ... of nested operators over <paramref name="leaves"/>
    /// (one in <paramref name="germanEvery"/> with language "de"), leaving out those that can never match.
    /// </summary>
    internal static void AddGenerated(List<RuleDefinition> rules, Random random, int count, int germanEvery, string[] leaves)
    {
        for (var r = 0; r < count; r++)
        {
            var rule = new RuleDefinition($"r{r}", Query(random, 3, leaves), random.Next(germanEvery) == 0 ? "de" : null);
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
    }

    private static string Query(Random random, int depth, string[] leaves)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return leaves[random.Next(leaves.Length)];
        }

        string Q() => Query(random, depth - 1, leaves);
        return random.Next(7) switch
        {
            0 => $"({Q()} AND {Q()})",
            1 => $"({Q()} OR {Q()} OR {Q()})",
            2 => $"({Q()} NOT {Q()})",
            3 => $"({leaves[random.Next(leaves.Length)]} NEAR/{random.Next(1, 5)} {leaves[random.Next(leaves.Length)]})",
            4 => $"({leaves[random.Next(leaves.Length)]} COUNT>={random.Next(2, 4)})",
            5 => $"({Q()} AND {Q()} NOT {Q()})",
            _ => $"({Q()} OR {Q()})",
        };
    }
}

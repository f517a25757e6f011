using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

public sealed class RuleParserTests
{
    [Theory]
    [InlineData("a OR b NOT c", "(a OR (b NOT c))")]
    [InlineData("a b OR c", "((a AND b) OR c)")]
    [InlineData("a OR b c", "(a OR (b AND c))")]
    [InlineData("a AND b OR c AND d", "((a AND b) OR (c AND d))")]
    [InlineData("a b NOT c", "(a AND (b NOT c))")]
    [InlineData("a NOT b NOT c", "(a NOT b NOT c)")]
    [InlineData("a b c OR d OR e", "((a AND b AND c) OR d OR e)")]
    [InlineData("(a OR b) NOT c", "((a OR b) NOT c)")]
    [InlineData("a AND NOT b", "(a NOT b)")]
    [InlineData("a and b", "(a AND and AND b)")]
    [InlineData("x-ray cease-fire C++ a-", "(x ray AND cease fire AND c AND a)")]
    [InlineData("near/far nearby", "(near far AND nearby)")]
    [InlineData("\"alle Berliner*innen\" Kolleg*in Kund*innen*", "(alle berliner innen AND kolleg in AND kund innen*)")]
    [InlineData("ceasefire OR \"cease-fire\"", "(ceasefire OR cease fire)")]
    [InlineData("“boots on the ground”", "boots on the ground")]
    [InlineData("negotiat* talks", "(negotiat* AND talks)")]
    [InlineData("\"peace negotiat*\"", "peace negotiat*")]
    public void Parse_Precedence_BuildsExpectedTree(string query, string expected)
    {
        Assert.Equal(expected, Describe(query));
    }

    [Fact]
    public void Parse_Word_IsFoldedIntoTokens()
    {
        var terms = new List<TermSpec>();
        RuleParser.Parse("r", "Ünïcode-Straße İstanbul", t => { terms.Add(t); return terms.Count - 1; });

        Assert.Equal(["unicode strasse", "istanbul"], terms.Select(t => string.Join(' ', t.Tokens.Select(k => k.Text))));
    }

    [Theory]
    [InlineData("", 1, "the query is empty")]
    [InlineData("   ", 1, "the query is empty")]
    [InlineData("(a OR b", 1, "'(' without a matching ')'")]
    [InlineData("a OR (b", 6, "'(' without a matching ')'")]
    [InlineData("ceasefire OR b)", 15, "')' without a matching '('")]
    [InlineData("\"boots on", 1, "'\"' without a closing quote")]
    [InlineData("a \"\"", 3, "empty phrase (a phrase needs letters or digits, else it can never match)")]
    [InlineData("a \" - \"", 3, "empty phrase (a phrase needs letters or digits, else it can never match)")]
    [InlineData("NOT a", 1, "'NOT' has no term before it (write 'a NOT b')")]
    [InlineData("a OR NOT b", 6, "'NOT' has no term before it (write 'a NOT b')")]
    [InlineData("a AND", 3, "'AND' has no term after it")]
    [InlineData("a OR", 3, "'OR' has no term after it")]
    [InlineData("OR a", 1, "'OR' has no term before it")]
    [InlineData("a AND OR b", 3, "'AND' has no term after it")]
    [InlineData("(a OR)", 4, "'OR' has no term after it")]
    [InlineData("a ()", 4, "empty parentheses")]
    [InlineData("(", 1, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))")]
    [InlineData("a OR (", 6, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))")]
    [InlineData("a (", 3, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))")]
    [InlineData("title:(", 7, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))")]
    [InlineData("a NEAR/3 (", 10, "'(' without a matching ')', and nothing after it (write a term, phrase or group inside, e.g. (NATO OR alliance))")]
    [InlineData("a NOT", 3, "'NOT' has no term after it")]
    [InlineData("a & b", 3, "'&' has no letters or digits, so it can never match")]
    [InlineData("neg*tiate", 4, "'*' is only allowed at the end of a word (a wildcard for its endings; there is none inside a word)")]
    [InlineData("Berliner*innenschaft", 9, "'*' is only allowed at the end of a word (a wildcard for its endings; there is none inside a word)")]
    [InlineData("a *", 3, "'*' must follow a letter or digit")]
    // Other search syntaxes' operators, which this one would read as words (so "-troops" would require troops):
    [InlineData("ceasefire -troops", 11, "'-troops': a leading '-' does not exclude a word here; write NOT troops after what it excludes from, e.g. 'ceasefire NOT troops'")]
    [InlineData("+NATO troops", 1, "'+NATO': a leading '+' is not needed, every word is required unless joined by OR; write NATO")]
    [InlineData("NATO~2", 5, "'~2' is not an operator here; for words near each other write NEAR/n between them, e.g. NATO NEAR/5 troops")]
    [InlineData("\"NATO troops\"~5", 14, "'~5' is not an operator here; for words near each other write NEAR/n between them, e.g. NATO NEAR/5 troops")]
    [InlineData("ceasefire^2 OR truce", 10, "'^2' is not an operator here (every hit counts the same); remove it")]
    [InlineData("NATO near/5 troops", 6, "'near/5': operators are written in capitals: NEAR/5")]
    [InlineData("NATO Onear/5 troops", 6, "'Onear/5': operators are written in capitals: ONEAR/5")]
    public void Parse_InvalidQuery_ReportsColumnAndProblem(string query, int column, string problem)
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("r1", query, _ => 0));

        Assert.Equal(column, ex.Column);
        Assert.Equal(problem, ex.Problem);
        Assert.Equal("r1", ex.RuleId);
        Assert.Equal(query, ex.Query);
    }

    [Fact]
    public void Parse_UnmatchedParenthesis_MessageNamesRuleAndColumn()
    {
        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("ceasefire", "ceasefire OR b)", _ => 0));

        Assert.StartsWith("Rule 'ceasefire': syntax error at column 15: ')' without a matching '('", ex.Message, StringComparison.Ordinal);
    }

    private static string Describe(string query)
    {
        var terms = new List<TermSpec>();
        var root = RuleParser.Parse("r", query, t => { terms.Add(t); return terms.Count - 1; });
        return Render(root, terms);
    }

    private static string Render(QueryNode node, List<TermSpec> terms)
    {
        var sb = new System.Text.StringBuilder();
        node.Print(sb, t => terms[t].Key);
        return sb.ToString();
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Hostile shapes: deep nesting and huge flat chains must neither overflow the stack nor take long.</summary>
public sealed class RuleParserDepthTests
{
    [Fact]
    public void Parse_TenThousandNestedParentheses_RefusedWithNestingError()
    {
        var query = new string('(', 10_000) + "ceasefire" + new string(')', 10_000);

        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("deep", query, _ => 0));

        Assert.Equal(RuleParser.MaxNesting + 1, ex.Column);
        Assert.StartsWith($"Rule 'deep': nesting deeper than 100 levels at column {RuleParser.MaxNesting + 1}", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 400, "the message cuts a long query");
    }

    [Fact]
    public void Compile_TenThousandNestedParentheses_Throws()
    {
        var query = new string('(', 10_000) + "a" + new string(')', 10_000);

        Assert.Throws<RuleSyntaxException>(() => RuleSet.Compile([new RuleDefinition("deep", query)]));
    }

    [Fact]
    public void Compile_HundredNestedParentheses_Matches()
    {
        var query = new string('(', 100) + "ceasefire OR truce" + new string(')', 100);

        var set = RuleSet.Compile([new RuleDefinition("r", query)]);

        Assert.Single(set.Match(null, "A truce was agreed."));
    }

    [Fact]
    public void Compile_DeepAlternatingOperators_Matches()
    {
        // (a OR (b AND (c OR (d AND ... )))) 100 levels: every level is a different operator.
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            sb.Append("w").Append(i).Append(i % 2 == 0 ? " OR (" : " AND (");
        }

        sb.Append("last").Append(new string(')', 100));

        var set = RuleSet.Compile([new RuleDefinition("r", sb.ToString())]);

        Assert.Single(set.Match(null, "w0"));
        Assert.Empty(set.Match(null, "w1"));
    }

    [Fact]
    public void Parse_NearChainsInsideDeepParentheses_CountTowardTheLimit()
    {
        // 60 levels of parentheses, each holding a chain of 60 NEARs: 3,600 levels of tree if allowed.
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < 60; i++)
        {
            sb.Append('(');
        }

        sb.Append('x');
        for (var i = 0; i < 60; i++)
        {
            sb.Append(')');
            for (var k = 0; k < 60; k++)
            {
                sb.Append(" NEAR/2 w").Append(k);
            }
        }

        var ex = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse("chain", sb.ToString(), _ => 0));

        Assert.StartsWith("nesting deeper than 100 levels", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NearChainOf100_Matches()
    {
        var query = string.Join(" NEAR/1 ", Enumerable.Range(0, 100).Select(i => "w" + i));

        var set = RuleSet.Compile([new RuleDefinition("chain", query)]);

        Assert.Single(set.Match(null, string.Join(' ', Enumerable.Range(0, 100).Select(i => "w" + i))));
    }

    [Theory]
    [InlineData("OR")]
    [InlineData("AND")]
    [InlineData("NOT")]
    public void Compile_FlatChainOf200000Terms_CompilesAndMatches(string op)
    {
        var query = string.Join($" {op} ", Enumerable.Range(0, 200_000).Select(i => "term" + i));

        var set = RuleSet.Compile([new RuleDefinition("flat", query)]);

        var matched = set.Match(null, op == "AND" ? string.Join(' ', Enumerable.Range(0, 200_000).Select(i => "term" + i)) : "term0 and term7");
        Assert.Equal(op != "NOT", matched.Count == 1);
    }

    [Fact]
    public void Compile_ImplicitAndOf200000Words_Compiles()
    {
        var query = string.Join(' ', Enumerable.Range(0, 200_000).Select(i => "w" + i));

        var set = RuleSet.Compile([new RuleDefinition("flat", query)]);

        Assert.Empty(set.Match(null, "w1 w2"));
    }

    [Property(MaxTest = 200)]
    public Property Parse_NestedToAnyDepth_AcceptedUpToLimitElseNestingError()
    {
        return Prop.ForAll(Gen.Choose(0, 3000).ToArbitrary(), Gen.Choose(0, 2).ToArbitrary(), (depth, shape) =>
        {
            var open = shape switch { 0 => "(", 1 => "(a OR ", _ => "(b NOT " };
            var close = ")";
            var query = string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
            try
            {
                RuleParser.Check(new RuleDefinition("p", query));
                return depth <= RuleParser.MaxNesting;
            }
            catch (RuleSyntaxException ex)
            {
                return depth > RuleParser.MaxNesting && ex.Problem.StartsWith("nesting deeper than", StringComparison.Ordinal)
                    && ex.Column == (RuleParser.MaxNesting * open.Length) + 1;
            }
        });
    }

    [Property(MaxTest = 300)]
    public Property Parse_RandomTokenSoup_ThrowsOnlyRuleSyntaxException()
    {
        var pieces = new[] { "(", ")", "a", "b", "\"c d\"", "OR", "AND", "NOT", "e*", " ", "((", "))" };
        var gen = Gen.ArrayOf(Gen.Elements(pieces)).Select(p => string.Join(' ', p));
        return Prop.ForAll(gen.ToArbitrary(), query =>
        {
            try
            {
                RuleSet.Compile([new RuleDefinition("soup", query)]).Match("a b", "c d e");
            }
            catch (RuleSyntaxException)
            {
            }

            return true;
        });
    }
}

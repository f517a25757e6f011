using System.Text.RegularExpressions;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Sources;

public sealed class LinkPatternCheckTests
{
    [Theory]
    [InlineData(@"/world/\d{4}/\d{2}/")]
    [InlineData(@"(/\w+)?/news/[a-z0-9-]+$")]
    [InlineData(@"^https://news\.example\.org/(politics|world)/")]
    [InlineData(@"/article/(?!live)")]
    [InlineData(@"[(+*]+")]
    [InlineData(@"\(a+\)+")]
    public void Problem_OrdinaryPatterns_AreAccepted(string pattern) => Assert.Null(LinkPatternCheck.Problem(pattern));

    [Theory]
    [InlineData(@"(a+)+$", 4)]
    [InlineData(@"^/(\w+/)*x$", 8)]
    [InlineData(@"((ab)*)+", 7)]
    [InlineData(@"/(\d{2,})*/", 9)]
    public void Problem_NestedRepetition_IsRefusedWithItsColumn(string pattern, int column)
    {
        var problem = LinkPatternCheck.Problem(pattern);

        Assert.NotNull(problem);
        Assert.Contains($"column {column}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_TooLongOrInvalid_SaysWhy()
    {
        Assert.Contains("not a .NET regular expression", LinkPatternCheck.Problem("(unclosed"), StringComparison.Ordinal);
        Assert.Contains("at most 2000", LinkPatternCheck.Problem(new string('a', 2001)), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UsesTheLinearEngine_WhenThePatternAllows_AndStillMatchesLookarounds()
    {
        var linear = LinkPatternCheck.Create(@"/news/\d+");
        Assert.True((linear.Options & RegexOptions.NonBacktracking) != 0);
        Assert.Matches(linear, "https://x.example/news/123");

        var lookahead = LinkPatternCheck.Create(@"/article/(?!live)");
        Assert.True((lookahead.Options & RegexOptions.NonBacktracking) == 0);
        Assert.Equal(LinkPatternCheck.MatchTimeout, lookahead.MatchTimeout);
        Assert.Matches(lookahead, "https://x.example/article/story");
        Assert.DoesNotMatch(lookahead, "https://x.example/article/live");
    }
}

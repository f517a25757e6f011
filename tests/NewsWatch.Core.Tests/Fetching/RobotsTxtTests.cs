using NewsWatch.Core.Fetching;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>
/// RFC 9309's examples (section 5) and the cases of Google's robots.txt test suite (google/robotstxt,
/// robots_test.cc), written again as a table: robots.txt, product token, URL, allowed.
/// </summary>
public sealed class RobotsTxtTests
{
    private const string Rfc9309Example =
        "User-Agent: *\nDisallow: *.gif$\nDisallow: /example/\nAllow: /publications/\n\n" +
        "User-Agent: foobot\nDisallow:/\nAllow:/example/page.html\nAllow:/example/allowed.gif\n\n" +
        "User-Agent: barbot\nUser-Agent: bazbot\nDisallow: /example/page.html\n\n" +
        "User-Agent: quxbot\n\nEOF\n";

    private const string GoogleGroups =
        "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\n" +
        "allow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n";

    [Theory]
    // RFC 9309 5.1: groups, the '*' fallback, an empty group.
    [InlineData(Rfc9309Example, "foobot", "/example/page.html", true)]
    [InlineData(Rfc9309Example, "foobot", "/example/allowed.gif", true)]
    [InlineData(Rfc9309Example, "foobot", "/other/page.html", false)]
    [InlineData(Rfc9309Example, "barbot", "/example/page.html", false)]
    [InlineData(Rfc9309Example, "bazbot", "/example/page.html", false)]
    [InlineData(Rfc9309Example, "bazbot", "/example/other.html", true)]
    [InlineData(Rfc9309Example, "quxbot", "/example/page.html", true)]
    [InlineData(Rfc9309Example, "NewsWatch", "/example/x", false)]
    [InlineData(Rfc9309Example, "NewsWatch", "/images/a.gif", false)]
    [InlineData(Rfc9309Example, "NewsWatch", "/images/a.gif?x", true)]
    [InlineData(Rfc9309Example, "NewsWatch", "/publications/a", true)]
    [InlineData(Rfc9309Example, "NewsWatch", "/robots.txt", true)]
    // RFC 9309 5.2: the longest match.
    [InlineData("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/", true)]
    [InlineData("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/disallowed.gif", false)]
    // Google: line syntax, a missing colon accepted, unknown keys ignored.
    [InlineData("user-agent: FooBot\ndisallow: /\n", "FooBot", "/x/y", false)]
    [InlineData("foo: FooBot\nbar: /\n", "FooBot", "/x/y", true)]
    [InlineData("user-agent FooBot\ndisallow /\n", "FooBot", "/x/y", false)]
    // Google: groups, merged groups, rules outside groups ignored.
    [InlineData(GoogleGroups, "FooBot", "/x/b", true)]
    [InlineData(GoogleGroups, "FooBot", "/z/d", true)]
    [InlineData(GoogleGroups, "FooBot", "/y/c", false)]
    [InlineData(GoogleGroups, "BarBot", "/y/c", true)]
    [InlineData(GoogleGroups, "BarBot", "/w/a", true)]
    [InlineData(GoogleGroups, "BarBot", "/z/d", false)]
    [InlineData(GoogleGroups, "BazBot", "/z/d", true)]
    [InlineData(GoogleGroups, "FooBot", "/foo/bar/", false)]
    [InlineData(GoogleGroups, "BazBot", "/foo/bar/", false)]
    // Google: keys and agent values case-insensitive, an agent value read up to its first space, paths case-sensitive.
    [InlineData("USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "FooBot", "/x/y", true)]
    [InlineData("uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n", "FooBot", "/a/b", false)]
    [InlineData("User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n", "foo", "/x/y", true)]
    [InlineData("User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n", "Foo", "/a/b", false)]
    [InlineData("User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo", "/x/y", true)]
    [InlineData("User-agent: NewsWatch/2.0 (+https://example.org)\nDisallow: /private/\n", "NewsWatch", "/private/a", false)]
    [InlineData("user-agent: FooBot\ndisallow: /x/\n", "FooBot", "/x/y", false)]
    [InlineData("user-agent: FooBot\ndisallow: /X/\n", "FooBot", "/x/y", true)]
    // Google: the '*' group only when no group names the agent; no group at all allows everything.
    [InlineData("", "FooBot", "/x/y", true)]
    [InlineData("user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "FooBot", "/x/y", false)]
    [InlineData("user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "BarBot", "/x/y", true)]
    [InlineData("user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\n", "QuxBot", "/x/y", true)]
    // Google: the longest match wins; allow wins a tie; an empty rule is none.
    [InlineData("user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/\n", "FooBot", "/x/page.html", false)]
    [InlineData("user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "FooBot", "/x/page.html", true)]
    [InlineData("user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/\n", "FooBot", "/x/", false)]
    [InlineData("user-agent: FooBot\ndisallow: \nallow: \n", "FooBot", "/x/page.html", true)]
    [InlineData("user-agent: FooBot\ndisallow: /\nallow: /\n", "FooBot", "/x/page.html", true)]
    [InlineData("user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "/x", false)]
    [InlineData("user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "/x/", true)]
    [InlineData("user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n", "FooBot", "/x/page.html", true)]
    [InlineData("user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot", "/page.html", false)]
    [InlineData("user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot", "/page", true)]
    [InlineData("user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "FooBot", "/x/page.html", true)]
    [InlineData("user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n", "FooBot", "/x/y.html", false)]
    [InlineData("User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot", "/x/page", true)]
    [InlineData("User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot", "/y/page", false)]
    // Google: percent-encoding: non-ASCII in a rule is encoded; an encoded unreserved octet is not decoded.
    [InlineData("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n", "FooBot", "/foo/bar?qux=taz&baz=http://foo.bar?tar&par", true)]
    [InlineData("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n", "FooBot", "/foo/bar/%E3%83%84", true)]
    [InlineData("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n", "FooBot", "/foo/bar/%e3%83%84", true)]
    [InlineData("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot", "/foo/bar/baz", false)]
    [InlineData("User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n", "FooBot", "/foo/bar/%62%61%7A", true)]
    // Google: special characters '*', '$' and '#'.
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "/foo/bar/quz", false)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "/foo/quz", true)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot", "/foo//quz", true)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "/foo/bar", false)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "/foo/bar/qux", true)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "/foo/bar/", true)]
    [InlineData("User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot", "/foo/bar/baz", true)]
    [InlineData("User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "/foo/bar", true)]
    [InlineData("User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "/foo/quz", false)]
    // Line endings: CR, CRLF; a byte order mark.
    [InlineData("user-agent: FooBot\rdisallow: /\r", "FooBot", "/x", false)]
    [InlineData("\uFEFFuser-agent: FooBot\r\ndisallow: /\r\n", "FooBot", "/x", false)]
    // A sitemap line between the agent lines and the rules does not break the group.
    [InlineData("user-agent: FooBot\nsitemap: https://x.example/s.xml\ndisallow: /a\n", "FooBot", "/a", false)]
    public void IsAllowed_Table_MatchesRfc9309AndGoogle(string robots, string agent, string pathAndQuery, bool allowed)
    {
        Assert.Equal(allowed, RobotsTxt.Parse(robots, agent).IsAllowed(pathAndQuery));
    }

    [Fact]
    public void Parse_CrawlDelayAndSitemaps_AreRead()
    {
        var robots = RobotsTxt.Parse("Sitemap: https://x.example/news.xml\nUser-agent: *\nCrawl-delay: 2\nDisallow: /private/\nSITEMAP: https://x.example/index.xml\n");

        Assert.Equal(TimeSpan.FromSeconds(2), robots.CrawlDelay);
        Assert.Equal(["https://x.example/news.xml", "https://x.example/index.xml"], robots.Sitemaps);
    }

    [Fact]
    public void Parse_CrawlDelayOver30Seconds_IsCapped()
    {
        Assert.Equal(RobotsTxt.MaxCrawlDelay, RobotsTxt.Parse("User-agent: NewsWatch\nCrawl-delay: 3600\n").CrawlDelay);
    }

    [Fact]
    public void IsAllowed_AbsoluteUrl_UsesItsPathAndQuery()
    {
        var robots = RobotsTxt.Parse("User-agent: *\nDisallow: /*?print=1$\nDisallow: /мир/\n");

        Assert.False(robots.IsAllowed(new Uri("https://x.example/a/b?print=1")));
        Assert.True(robots.IsAllowed(new Uri("https://x.example/a/b?print=12")));
        Assert.False(robots.IsAllowed(new Uri("https://x.example/мир/статья")));
        Assert.True(robots.IsAllowed(new Uri("https://x.example/")));
    }
}

using System.Globalization;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Tests.Sources;

/// <summary>Golden files: <c>TestData/Sources/NAME</c> with its expected links beside it (URL, title, date; tab-separated, "-" for none).</summary>
public sealed class LinkDiscovererTests
{
    private const string WorldPattern = @"/world/\d{4}/\d{2}/\d{2}/";

    private readonly LinkDiscoverer _discoverer = new();

    [Theory]
    [InlineData("rss2.xml", SourceKind.Feed, "https://news.example.org/world/rss.xml", null, "rss2.xml.expected.txt")]
    [InlineData("atom.xml", SourceKind.Feed, "https://news.example.org/politics/atom.xml", null, "atom.xml.expected.txt")]
    [InlineData("rdf.xml", SourceKind.Feed, "https://news.example.org/rdf", null, "rdf.xml.expected.txt")]
    [InlineData("listing.html", SourceKind.Page, "https://news.example.org/world/index.html", null, "listing.html.expected.txt")]
    [InlineData("listing.html", SourceKind.Page, "https://news.example.org/world/index.html", WorldPattern, "listing.html.pattern.expected.txt")]
    [InlineData("listing-base.html", SourceKind.Page, "https://news.example.org/world/mirror.html", null, "listing-base.html.expected.txt")]
    [InlineData("listing-base.html", SourceKind.Page, "https://news.example.org/world/mirror.html", @"\d{4}/\d{2}/\d{2}/story", "listing-base.html.pattern.expected.txt")]
    public void Discover_Fixture_GivesTheExpectedLinks(string fixture, SourceKind kind, string baseUrl, string? pattern, string expectedFile)
    {
        var source = new Source("test", new Uri(baseUrl), kind, pattern);

        var links = _discoverer.Discover(source, Read(fixture), new Uri(baseUrl));

        var expected = File.ReadAllLines(PathOf(expectedFile)).Where(l => l.Length > 0).ToList();
        Assert.Equal(expected, links.Select(Format).ToList());
    }

    [Theory]
    [InlineData("malformed.xml", "not well-formed")]
    [InlineData("not-a-feed.html", "neither RSS nor Atom")]
    [InlineData("entity-bomb.xml", "not well-formed")]
    public void Discover_BrokenFeed_ThrowsFormatExceptionNamingTheFeed(string fixture, string reason)
    {
        var source = new Source("broken", new Uri("https://news.example.org/feed.xml"), SourceKind.Feed);

        var error = Assert.Throws<FormatException>(() => _discoverer.Discover(source, Read(fixture), source.Url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("https://news.example.org/feed.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_FeedWithByteOrderMarkAndLeadingWhitespace_IsRead()
    {
        var source = new Source("bom", new Uri("https://news.example.org/rdf"), SourceKind.Feed);

        var links = _discoverer.Discover(source, "\uFEFF\n  " + Read("rdf.xml"), source.Url);

        Assert.Single(links);
    }

    [Fact]
    public void Discover_LocalListing_KeepsFileLinksInItsFolderTree()
    {
        var index = new Uri(PathOf(Path.Combine("local", "index.html")));
        var source = new Source("local", index, SourceKind.Page);

        var links = _discoverer.Discover(source, File.ReadAllText(index.LocalPath), index);

        Assert.Equal(
            [new Uri(PathOf(Path.Combine("local", "story-a.html"))), new Uri(PathOf(Path.Combine("local", "sub", "story-b.html")))],
            links.Select(l => l.Url).ToList());
        Assert.All(links, l => Assert.True(File.Exists(l.Url.LocalPath)));
    }

    [Fact]
    public void Discover_WebListing_NeverGivesFileLinks()
    {
        var source = new Source("web", new Uri("https://news.example.org/"), SourceKind.Page, ".*");

        var links = _discoverer.Discover(source, "<a href=\"file:///etc/passwd\">x</a><a href=\"/a\">a</a>", source.Url);

        Assert.Equal([new Uri("https://news.example.org/a")], links.Select(l => l.Url).ToList());
    }

    [Fact]
    public void Discover_PatternAgainstReadableUrl_MatchesNonAsciiPaths()
    {
        var source = new Source("ru", new Uri("https://news.example.ru/"), SourceKind.Page, "/мир/");

        var links = _discoverer.Discover(source, "<a href=\"/мир/переговоры\">Переговоры</a><a href=\"/спорт/x\">x</a>", source.Url);

        Assert.Equal("Переговоры", Assert.Single(links).Title);
    }

    [Fact]
    public void Discover_InvalidPattern_ThrowsNamingTheSource()
    {
        var source = new Source("bad-pattern", new Uri("https://news.example.org/"), SourceKind.Page, "([unclosed");

        var error = Assert.Throws<ArgumentException>(() => _discoverer.Discover(source, "<a href=\"/a\">a</a>", source.Url));

        Assert.Contains("bad-pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discover_SamePatternForManySources_IsSafeInParallel()
    {
        var html = Read("listing.html");
        var baseUrl = new Uri("https://news.example.org/world/index.html");

        var counts = Enumerable.Range(0, 32).AsParallel()
            .Select(i => _discoverer.Discover(new Source($"s{i}", baseUrl, SourceKind.Page, WorldPattern), html, baseUrl).Count)
            .ToList();

        Assert.All(counts, c => Assert.Equal(7, c));
    }

    [Theory]
    [InlineData("Wed, 25 Nov 2026 09:30:00 GMT", "2026-11-25T09:30:00Z")]
    [InlineData("Wed, 25 Nov 2026 09:30:00 +0530", "2026-11-25T04:00:00Z")]
    [InlineData("Wed, 25 Nov 26 09:30 PDT", "2026-11-25T16:30:00Z")]
    [InlineData("25 Nov 2026 09:30:00 MSK", "2026-11-25T06:30:00Z")]
    [InlineData("Wednesday, 25 November 2026 09:30:00 UT", "2026-11-25T09:30:00Z")]
    [InlineData("Wed, 25 Nov 2026 09:30:00 XYZ", "2026-11-25T09:30:00Z")]
    [InlineData("Wed, 25 Nov 2026 09:30:00", "2026-11-25T09:30:00Z")]
    [InlineData("2026-11-25T09:30:00+02:00", "2026-11-25T07:30:00Z")]
    [InlineData("2026-11-25T09:30:00.123Z", "2026-11-25T09:30:00.123Z")]
    [InlineData("2026-11-25", "2026-11-25T00:00:00Z")]
    public void FeedDates_ReadRfc822AndIso8601(string text, string expected)
    {
        var parsed = FeedDates.Parse(text);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Wed, 31 Feb 2026 09:30:00 GMT")]
    public void FeedDates_Unreadable_IsNull(string text)
    {
        Assert.Null(FeedDates.Parse(text));
    }

    private static string Format(DiscoveredLink link) =>
        string.Join('\t', link.Url.AbsoluteUri, link.Title ?? "-",
            link.PublishedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-");

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Sources", name);

    private static string Read(string name) => File.ReadAllText(PathOf(name));

    [Fact]
    public void Discover_PageWithoutPattern_LeavesOutMenusFootersAndSidebarsBuiltFromDivs()
    {
        const string html = """
            <html><body>
              <div class="top"><div class="links">
                <a href="/world/">World</a> <a href="/politics/">Politics</a> <a href="/business/">Business</a>
                <a href="/sport/">Sport</a> <a href="/culture/">Culture</a>
              </div></div>
              <div class="content">
                <div class="item"><h2><a href="/world/2026/12/02/ceasefire-talks-resume">Ceasefire talks resume in Cairo</a></h2><p>Negotiators met again.</p></div>
                <div class="item"><h2><a href="/world/europe">Europe</a></h2></div>
                <div class="item"><h2><a href="/tag/ukraine">Ukraine</a></h2></div>
                <div class="item"><h2><a href="/world/border-crossing-reopens-after-talks">Border crossing reopens after talks</a></h2><p>Trucks moved.</p></div>
              </div>
              <div class="side">
                <span><a href="/about">About</a> | <a href="/contact">Contact</a> | <a href="/jobs">Jobs</a> | <a href="/privacy">Privacy</a> | <a href="/ads">Ads</a></span>
              </div>
              <aside><a href="/world/2026/11/01/most-read-old-story">Most read: an old story</a></aside>
            </body></html>
            """;
        var baseUrl = new Uri("https://news.example.org/world/");

        var links = _discoverer.Discover(new Source("divs", baseUrl, SourceKind.Page), html, baseUrl);

        Assert.Equal(
            ["/world/2026/12/02/ceasefire-talks-resume", "/world/border-crossing-reopens-after-talks", "/world/europe"],
            links.Select(l => l.Url.AbsolutePath));
    }
}

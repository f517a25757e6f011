using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Tests.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Sources;

/// <summary>The listing reader for every kind, through the real fetcher against a loopback Kestrel site per test.</summary>
public sealed class ListingReaderTests
{
    private static string NewsSitemap(string origin, params (string Path, string Date)[] items) =>
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">" +
        string.Concat(items.Select(i => $"<url><loc>{origin}{i.Path}</loc><news:news><news:publication_date>{i.Date}</news:publication_date><news:title>T {i.Path}</news:title></news:news></url>")) +
        "</urlset>";

    private static ServiceProvider Build(TimeProvider? time = null, IDictionary<string, string?>? settings = null, string? stateFolder = null) =>
        FetcherHost.Build(settings, time, services =>
        {
            services.AddSingleton<ILinkDiscoverer, LinkDiscoverer>();
            services.AddSingleton<IListingReader, ListingReader>();
            if (stateFolder is not null)
            {
                services.AddSingleton<IStateStore>(new FolderStateStore(stateFolder));
                services.AddSingleton<SourceStateStore>();
            }
        });

    /// <summary>An XML answer with an ETag (and, when given, a max-age): 304 when the request's If-None-Match holds it; counts the 304s.</summary>
    private static RequestDelegate ConditionalXml(Func<string> body, Func<string> etag, int[] notModified, int? maxAge = null) => async context =>
    {
        var tag = etag();
        context.Response.Headers.ETag = tag;
        if (maxAge is { } age)
        {
            context.Response.Headers.CacheControl = $"max-age={age}";
        }

        if (context.Request.Headers.IfNoneMatch.ToString() == tag)
        {
            Interlocked.Increment(ref notModified[0]);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await Text(body(), "application/xml")(context);
    };

    [Fact]
    public async Task Read_SitemapIndexAgain_ChildSitemapsFetchedConditionally_304sCountedAtTheServer()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var origin = server.BaseUri.GetLeftPart(UriPartial.Authority);
        var state = Directory.CreateTempSubdirectory("nw-listing-").FullName;
        var version = 1;
        var notModifiedA = new int[1];
        var notModifiedB = new int[1];
        server.Map("/news-a.xml", ConditionalXml(() => NewsSitemap(origin, ("/a/one", "2026-12-02T09:00:00Z")), () => "\"a1\"", notModifiedA));
        server.Map("/news-b.xml", ConditionalXml(
            () => version == 1 ? NewsSitemap(origin, ("/b/one", "2026-12-02T08:00:00Z")) : NewsSitemap(origin, ("/b/two", "2026-12-02T10:00:00Z"), ("/b/one", "2026-12-02T08:00:00Z")),
            () => $"\"b{version}\"",
            notModifiedB));
        var index = server.Map("/index.xml", context =>
        {
            context.Response.Headers.ETag = "\"index\"";
            return Text(
                "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>/news-a.xml</loc></sitemap><sitemap><loc>/news-b.xml</loc></sitemap></sitemapindex>",
                "application/xml")(context);
        });
        try
        {
            await using var services = Build(stateFolder: state);
            var reader = services.GetRequiredService<IListingReader>();
            var source = new Source("s", index, SourceKind.Sitemap);

            var first = await reader.ReadAsync(source, null, CancellationToken.None);
            var second = await reader.ReadAsync(source, first.Validators, CancellationToken.None);
            version = 2;
            var third = await reader.ReadAsync(source, second.Validators, CancellationToken.None);

            Assert.Equal(FetchOutcome.Ok, first.Outcome);
            Assert.Equal(["/a/one", "/b/one"], first.Links.Select(l => l.Url.AbsolutePath));

            // Nothing changed: both sitemaps answered 304, so the listing is not modified.
            Assert.Equal(FetchOutcome.NotModified, second.Outcome);

            // One sitemap changed: its links are read, the other answered 304 again.
            Assert.Equal(FetchOutcome.Ok, third.Outcome);
            Assert.Equal(["/b/two", "/b/one"], third.Links.Select(l => l.Url.AbsolutePath));
            Assert.Equal((2, 1), (notModifiedA[0], notModifiedB[0]));
            Assert.Equal((3, 3), (server.RequestCount("/news-a.xml"), server.RequestCount("/news-b.xml")));

            // The index itself is read whole each time (a 304 would leave nothing to read): no validators kept for it.
            Assert.Equal(3, server.RequestCount("/index.xml"));
            Assert.Null(first.Validators?.ETag);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Read_ListingWithMaxAgeAndETag_NotFetchedWhileFresh_ThenConditionally_304CountedAtTheServer()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var notModified = new int[1];
        var sitemap = server.Map("/news.xml", ConditionalXml(
            () => NewsSitemap(server.BaseUri.GetLeftPart(UriPartial.Authority), ("/a/one", "2026-12-02T09:00:00Z")), () => "\"v1\"", notModified, maxAge: 600));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var services = Build(time);
        var reader = services.GetRequiredService<IListingReader>();
        var source = new Source("s", sitemap, SourceKind.Sitemap);

        var first = await reader.ReadAsync(source, null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(5));
        var fresh = await reader.ReadAsync(source, first.Validators, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(6));
        var due = await reader.ReadAsync(source, first.Validators, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(FetchOutcome.NotDue, fresh.Outcome);
        Assert.Equal(FetchOutcome.NotModified, due.Outcome);
        Assert.Equal(2, server.RequestCount("/news.xml"));
        Assert.Equal(1, notModified[0]);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(10), due.Validators?.FreshUntil);
    }

    [Fact]
    public async Task Read_GzipSitemapIndex_ReadsTheNewestChildrenNewestFirst()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var origin = server.BaseUri.GetLeftPart(UriPartial.Authority);
        server.Map("/sitemap-new.xml.gz", Bytes(Gzip(NewsSitemap(origin, ("/a/new-1", "2026-12-02T09:00:00Z"), ("/a/new-2", "2026-12-02T10:00:00Z"))), "application/x-gzip"));
        server.Map("/sitemap-mid.xml", Text(NewsSitemap(origin, ("/a/mid", "2026-11-15T10:00:00Z")), "application/xml"));
        server.Map("/sitemap-old.xml", Text(NewsSitemap(origin, ("/a/old", "2026-01-01T10:00:00Z")), "application/xml"));
        server.Map("/sitemap-oldest.xml", Text(NewsSitemap(origin, ("/a/oldest", "2025-01-01T10:00:00Z")), "application/xml"));
        var index = server.Map("/index.xml", Text(
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">" +
            "<sitemap><loc>/sitemap-oldest.xml</loc><lastmod>2025-01-01</lastmod></sitemap>" +
            "<sitemap><loc>/sitemap-old.xml</loc><lastmod>2026-01-01</lastmod></sitemap>" +
            "<sitemap><loc>/sitemap-new.xml.gz</loc><lastmod>2026-12-02</lastmod></sitemap>" +
            "<sitemap><loc>/sitemap-mid.xml</loc><lastmod>2026-11-15</lastmod></sitemap></sitemapindex>", "application/xml"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("s", index, SourceKind.Sitemap), null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, read.Outcome);
        Assert.Equal(["/a/new-2", "/a/new-1", "/a/mid", "/a/old"], read.Links.Select(l => l.Url.AbsolutePath));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), read.Links[0].PublishedAt);
        Assert.Equal("T /a/new-2", read.Links[0].Title);
        Assert.Equal(0, server.RequestCount("/sitemap-oldest.xml"));
        Assert.Contains("sitemap index", read.Chosen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_SitemapOverItsCap_IsTooLarge()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var url = server.Map("/huge.xml", Large(3 * 1024 * 1024, withContentLength: false));
        await using var services = Build(settings: new Dictionary<string, string?> { ["Fetch:MaxSitemapBytes"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("s", url, SourceKind.Sitemap), null, CancellationToken.None);

        Assert.Equal(FetchOutcome.TooLarge, read.Outcome);
    }

    [Fact]
    public async Task Read_SitemapBiggerThanThePageCap_IsRead()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var origin = server.BaseUri.GetLeftPart(UriPartial.Authority);
        var items = Enumerable.Range(0, 2000).Select(i => ($"/story-{i}", $"2026-11-{1 + (i % 28):00}T10:00:00Z")).ToArray();
        var url = server.Map("/big.xml", Text(NewsSitemap(origin, items), "application/xml"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("s", url, SourceKind.Sitemap), null, CancellationToken.None);

        // FetcherHost caps pages at 64 KiB; the sitemap (~190 KB) has its own cap.
        Assert.Equal(FetchOutcome.Ok, read.Outcome);
        Assert.Equal(SitemapReader.DefaultMaxEntries, read.Links.Count);
    }

    [Fact]
    public async Task Read_FeedWithTtl_IsNotDueUntilItPasses()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var feed = server.Map("/rss.xml", Text(
            "<rss version=\"2.0\"><channel><title>x</title><ttl>15</ttl><item><link>/a/story</link><title>S</title><pubDate>Wed, 02 Dec 2026 09:00:00 GMT</pubDate></item></channel></rss>",
            "application/rss+xml"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var services = Build(time);
        var reader = services.GetRequiredService<IListingReader>();
        var source = new Source("f", feed, SourceKind.Feed);

        var first = await reader.ReadAsync(source, null, CancellationToken.None);
        var early = await reader.ReadAsync(source, first.Validators, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(16));
        var later = await reader.ReadAsync(source, first.Validators, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(1), first.Validators?.FreshUntil);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), first.Links[0].UpdatedAt);
        Assert.Equal(FetchOutcome.NotDue, early.Outcome);
        Assert.Equal(FetchOutcome.Ok, later.Outcome);
        Assert.Equal(2, server.RequestCount("/rss.xml"));
    }

    [Fact]
    public async Task Read_FeedWithTtlAnswering304_KeepsTheTtlAsTheLeastTimeBetweenFetches()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var notModified = new int[1];
        var feed = server.Map("/ttl.xml", ConditionalXml(
            () => "<rss version=\"2.0\"><channel><title>x</title><ttl>15</ttl><item><link>/a/story</link><title>S</title></item></channel></rss>",
            () => "\"f1\"",
            notModified));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var services = Build(time);
        var reader = services.GetRequiredService<IListingReader>();
        var source = new Source("f", feed, SourceKind.Feed);

        var first = await reader.ReadAsync(source, null, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(16));
        var second = await reader.ReadAsync(source, first.Validators, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        var early = await reader.ReadAsync(source, second.Validators, CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), second.Validators?.FreshUntil);
        Assert.Equal(FetchOutcome.NotDue, early.Outcome);
        Assert.Equal((2, 1), (server.RequestCount("/ttl.xml"), notModified[0]));
    }

    [Fact]
    public async Task Read_PageWithMaxAge_KeepsItWithTheValidators()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var page = server.Map("/front", context =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            context.Response.Headers.ETag = "\"v1\"";
            return Html("<main><a href=\"/2026/12/02/story-one\">Story one</a></main>")(context);
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var services = Build(time);

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("p", page, SourceKind.Page), null, CancellationToken.None);

        Assert.Equal(new HttpValidators("\"v1\"", null, time.GetUtcNow() + TimeSpan.FromMinutes(5)) { FreshFor = TimeSpan.FromMinutes(5) }, read.Validators);
    }

    [Fact]
    public async Task Read_AutoHomePageNamingAFeed_ReadsTheFeed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/feed.xml", Text("<rss version=\"2.0\"><channel><item><link>/news/from-feed</link></item></channel></rss>", "application/rss+xml"));
        var home = server.Map("/", Html("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body><a href=\"/news/from-page\">x</a></body></html>"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("a", home, SourceKind.Auto), null, CancellationToken.None);

        Assert.Equal(["/news/from-feed"], read.Links.Select(l => l.Url.AbsolutePath));
        Assert.StartsWith("feed ", read.Chosen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AutoWithSitemapInRobots_ReadsTheSitemap()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var origin = server.BaseUri.GetLeftPart(UriPartial.Authority);
        server.Map("/robots.txt", Text($"User-agent: *\nDisallow: /private/\nSitemap: {origin}/news-sitemap.xml\n", "text/plain"));
        server.Map("/news-sitemap.xml", Text(NewsSitemap(origin, ("/news/from-sitemap", "2026-12-02T09:00:00Z")), "application/xml"));
        var home = server.Map("/", Html("<html><body><a href=\"/news/from-page\">x</a></body></html>"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("a", home, SourceKind.Auto), null, CancellationToken.None);

        Assert.Equal(["/news/from-sitemap"], read.Links.Select(l => l.Url.AbsolutePath));
        Assert.Contains("named in robots.txt", read.Chosen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_AutoWithNeither_ReadsThePagesLinks()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var home = server.Map("/", Html("<html><body><main><a href=\"/news/2026/12/02/from-page\">A story</a></main></body></html>"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("a", home, SourceKind.Auto), null, CancellationToken.None);

        Assert.Equal(["/news/2026/12/02/from-page"], read.Links.Select(l => l.Url.AbsolutePath));
        Assert.Equal("the page's own links", read.Chosen);
    }

    [Fact]
    public async Task Read_DisallowedListing_IsDisallowed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Text("User-agent: NewsWatch\nDisallow: /sitemaps/\n", "text/plain"));
        var url = server.Map("/sitemaps/news.xml", Text("<urlset/>", "application/xml"));
        await using var services = Build();

        var read = await services.GetRequiredService<IListingReader>().ReadAsync(new Source("s", url, SourceKind.Sitemap), null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Disallowed, read.Outcome);
        Assert.Equal(0, server.RequestCount("/sitemaps/news.xml"));
    }

    private static byte[] Gzip(string text)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return packed.ToArray();
    }
}

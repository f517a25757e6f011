using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Tests.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>The scanner on real parts: a Kestrel site on 127.0.0.1, the real fetcher, extractor and matcher, a local data folder.</summary>
public sealed class SourceScannerTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private static readonly RuleSet Rules = RuleSet.Compile(
    [
        new RuleDefinition("boots", "\"boots on the ground\""),
        new RuleDefinition("ceasefire", "ceasefire OR \"cease-fire\""),
    ]);

    private LoopbackHttpServer Server => fixture.Server;

    [Fact]
    public async Task Scan_PageSource_AlertsOnArticleText_NotOnFurniture_AndNothingTwice()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var source = MapSite(prefix);
        await using var host = ScanTestHost.Create();
        var scanner = host.Services.GetRequiredService<ISourceScanner>();

        var first = await scanner.ScanAsync(source, Rules, CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(5, first.LinksFound);
        Assert.Equal(3, first.ArticlesFetched);
        Assert.Equal(3, first.AlertsWritten);
        Assert.Equal(["/news/flaky.html", "/news/gone.html"], first.ArticleFailures.Select(f => new Uri(f.ArticleUrl).AbsolutePath[prefix.Length..]));
        var alerts = host.ReadAlerts();
        Assert.Equal(
            [("boots", "one.html"), ("ceasefire", "one.html"), ("ceasefire", "two.html")],
            alerts.Select(a => (a.RuleId, a.ArticleUrl[(a.ArticleUrl.LastIndexOf('/') + 1)..])).Order().ToList());
        // The link carried utm_source; the page's own canonical URL has neither that nor a fragment.
        Assert.All(alerts, a => Assert.DoesNotContain("utm_", a.ArticleUrl, StringComparison.Ordinal));
        Assert.All(alerts, a => Assert.Equal(AlertIds.Compute(a.RuleId, new Uri(a.ArticleUrl)), a.Id));
        Assert.All(alerts, a => Assert.Equal(ScanTestHost.Now, a.DetectedAt));

        var second = await scanner.ScanAsync(source, Rules, CancellationToken.None);

        // Only the page that failed for a moment is fetched again; the one that is gone is not.
        Assert.Equal(0, second.AlertsWritten);
        Assert.Equal(1, second.ArticlesFetched);
        Assert.Empty(second.ArticleFailures);
        Assert.Equal(1, Server.RequestCount(prefix + "/news/one.html"));
        Assert.Equal(1, Server.RequestCount(prefix + "/news/gone.html"));
        Assert.Equal(2, Server.RequestCount(prefix + "/news/flaky.html"));
        Assert.Equal(3, host.ReadAlerts().Count);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(host.DataDirectory, "queue"), "*.json").Length);
    }

    [Fact]
    public async Task Scan_ListingWithETag_SecondScanIsNotModified()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var listing = Server.Map(prefix + "/", Conditional("<html><body><main><a href=\"a.html\">A</a></main></body></html>", "\"l1\""));
        Server.Map(prefix + "/a.html", Html(ScanTestHost.Page("Plain", "Nothing to see.")));
        await using var host = ScanTestHost.Create();
        var scanner = host.Services.GetRequiredService<ISourceScanner>();
        var source = new Source("etag", listing, SourceKind.Page);

        await scanner.ScanAsync(source, Rules, CancellationToken.None);
        var second = await scanner.ScanAsync(source, Rules, CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.True(second.Succeeded);
    }

    [Fact]
    public async Task Scan_FeedOnFirstScan_SkipsArticlesOlderThanTheBackfillWindow()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N") + "/";
        var feed = Server.Map(prefix + "rss.xml", Text(ScanTestHost.TestData("feed.xml").Replace("{{BASE}}", Server.Url(prefix).AbsoluteUri, StringComparison.Ordinal), "application/rss+xml"));
        foreach (var name in new[] { "fresh", "old", "undated" })
        {
            Server.Map(prefix + $"feed/{name}.html", Html(ScanTestHost.Page($"{name} report", "Both sides agreed to a ceasefire on Monday.")));
        }

        await using var host = ScanTestHost.Create();
        var result = await host.Services.GetRequiredService<ISourceScanner>().ScanAsync(new Source("feed", feed, SourceKind.Feed, BackfillHours: 24), Rules, CancellationToken.None);

        Assert.Equal(3, result.ArticlesFetched);
        Assert.Equal(1, result.TooOld);
        Assert.Equal(0, result.NotArticles);
        Assert.Equal(["fresh report", "undated report"], host.ReadAlerts().Select(a => a.Title).Order());
        var fresh = host.ReadAlerts().Single(a => a.Title == "fresh report");
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), fresh.PublishedAt);
    }

    [Fact]
    public async Task Scan_ArticlePublishedTime_WinsOverTheFeedDate()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N") + "/";
        var feed = Server.Map(prefix + "rss.xml", Text(ScanTestHost.TestData("feed.xml").Replace("{{BASE}}", Server.Url(prefix).AbsoluteUri, StringComparison.Ordinal), "application/rss+xml"));
        // The feed says "fresh", the page itself says it is a month old.
        Server.Map(prefix + "feed/fresh.html", Html(ScanTestHost.Page("fresh report", "A ceasefire.", publishedAt: "2026-10-20T08:00:00Z")));
        Server.Map(prefix + "feed/old.html", Status(404));
        Server.Map(prefix + "feed/undated.html", Status(404));

        await using var host = ScanTestHost.Create();
        await host.Services.GetRequiredService<ISourceScanner>().ScanAsync(new Source("feed2", feed, SourceKind.Feed), Rules, CancellationToken.None);

        Assert.Empty(host.ReadAlerts());
    }

    [Fact]
    public async Task Scan_FailingListing_IsAResult_AndBacksOffFromTheSecondFailure()
    {
        var url = Server.Map("/" + Guid.NewGuid().ToString("N") + "/down", Status(503));
        await using var host = ScanTestHost.Create();
        var scanner = host.Services.GetRequiredService<ISourceScanner>();
        var state = host.Services.GetRequiredService<SourceStateStore>();
        var source = new Source("down", url, SourceKind.Page);

        var first = await scanner.ScanAsync(source, Rules, CancellationToken.None);
        var afterFirst = await state.GetHealthAsync("down", CancellationToken.None);
        var second = await scanner.ScanAsync(source, Rules, CancellationToken.None);
        var afterSecond = await state.GetHealthAsync("down", CancellationToken.None);

        Assert.Equal(FetchOutcome.ServerError, first.Outcome);
        Assert.False(first.Succeeded);
        Assert.NotNull(first.Error);
        Assert.Equal(1, afterFirst!.ConsecutiveFailures);
        Assert.Null(afterFirst.NextAttemptAt);
        Assert.Equal(FetchOutcome.ServerError, second.Outcome);
        Assert.Equal(2, afterSecond!.ConsecutiveFailures);
        Assert.Equal(ScanTestHost.Now.AddMinutes(5), afterSecond.NextAttemptAt);
        Assert.Null(afterSecond.FirstScanAt);
    }

    [Fact]
    public async Task Scan_MalformedFeed_IsAFailedSourceNotACrash()
    {
        var url = Server.Map("/" + Guid.NewGuid().ToString("N") + "/bad.xml", Text("<rss><channel><item>", "application/rss+xml"));
        await using var host = ScanTestHost.Create();

        var result = await host.Services.GetRequiredService<ISourceScanner>().ScanAsync(new Source("bad", url, SourceKind.Feed), Rules, CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.Equal(0, result.AlertsWritten);
        Assert.Equal(1, (await host.Services.GetRequiredService<SourceStateStore>().GetHealthAsync("bad", CancellationToken.None))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Scan_MaxArticles_FetchesOnlyThatManyPerScan()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var source = MapSite(prefix) with { MaxArticles = 2 };
        await using var host = ScanTestHost.Create();
        var scanner = host.Services.GetRequiredService<ISourceScanner>();

        var first = await scanner.ScanAsync(source, Rules, CancellationToken.None);
        var second = await scanner.ScanAsync(source, Rules, CancellationToken.None);

        Assert.Equal(2, first.ArticlesFetched);
        Assert.Equal(3, host.ReadAlerts().Count);
        Assert.Equal(1, second.ArticlesFetched);
        Assert.Single(second.ArticleFailures);
    }

    private Source MapSite(string prefix)
    {
        var listing = Server.Map(prefix + "/world/", Html(ScanTestHost.TestData("listing.html").Replace("href=\"/", $"href=\"{prefix}/", StringComparison.Ordinal)));
        Server.Map(prefix + "/news/one.html", Html(ScanTestHost.Page(
            "Ministers weigh options",
            "Several governments refused to rule out boots on the <em>ground</em> if a ceasefire is agreed.",
            canonical: Server.Url(prefix + "/news/one.html").AbsoluteUri)));
        Server.Map(prefix + "/news/two.html", Html(ScanTestHost.Page("Talks resume", "Negotiators discussed a cease-fire late into the night.")));
        Server.Map(prefix + "/news/three.html", Html(ScanTestHost.Page("Budget news", "The finance ministry published its spending plans.")));
        Server.Map(prefix + "/news/gone.html", Status(404));
        Server.MapSequence(prefix + "/news/flaky.html", Status(500), Html(ScanTestHost.Page("Flaky", "Nothing relevant here.")));
        return new Source("site", listing, SourceKind.Page, LinkPattern: "/news/");
    }
}

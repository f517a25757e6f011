using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Tests.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>
/// The host scanner on a Kestrel site on 127.0.0.1 with the real fetcher, matcher and alert sinks in a local folder; the
/// page type and live-blog entries come from test markup (<see cref="ScriptedPageExtractor"/>), so these tests pin the
/// scan path and not the classifier.
/// </summary>
public sealed class HostScannerTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private static readonly RuleSet Rules = RuleSet.Compile(
    [
        new RuleDefinition("boots", "\"boots on the ground\""),
        new RuleDefinition("ceasefire", "ceasefire OR \"cease-fire\""),
    ]);

    private LoopbackHttpServer Server => fixture.Server;

    [Fact]
    public async Task Scan_ArticleListedByTwoSourcesOfOneHost_IsFetchedOnce_AndAlertsOnce()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/a.html", Html(ScanTestHost.Page("A", "A ceasefire was agreed.")));
        var world = Server.Map(prefix + "/world/", Html($"<html><body><main><a href=\"{prefix}/news/a.html\">A</a></main></body></html>"));
        var europe = Server.Map(prefix + "/europe/", Html($"<html><body><main><a href=\"{prefix}/news/a.html\">A</a></main></body></html>"));
        await using var host = Create();
        Source[] sources = [new("world", world, SourceKind.Page, "/news/"), new("europe", europe, SourceKind.Page, "/news/")];

        var results = await Scan(host, sources);

        Assert.Equal(1, Server.RequestCount(prefix + "/news/a.html"));
        Assert.Equal([1, 0], results.Select(r => r.ArticlesFetched));
        Assert.Single(host.ReadAlerts());
        Assert.Equal("world", host.ReadAlerts()[0].SourceId);
    }

    [Fact]
    public async Task Scan_NonArticlePage_IsNotMatched_NorFetchedAgain_UnlessTheSourceTakesAnyPage()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/tag/ceasefire", Html(ScanTestHost.Page("Ceasefire", "Latest: ceasefire talks resume. Ceasefire holds.").Replace("<head>", "<head><meta name=\"test-page-type\" content=\"other\">", StringComparison.Ordinal)));
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/tag/ceasefire\">Ceasefire</a></main></body></html>"));
        await using var host = Create();
        var source = new Source("site", listing, SourceKind.Page, "/tag/");

        var first = await Scan(host, [source]);
        var second = await Scan(host, [source]);

        Assert.Equal(1, first[0].ArticlesFetched);
        Assert.Equal(0, first[0].AlertsWritten);
        Assert.Equal(1, first[0].NotArticles);
        Assert.Equal(0, first[0].TooOld);
        Assert.Equal(0, second[0].ArticlesFetched);
        Assert.Equal(0, second[0].NotArticles);
        Assert.Equal(1, Server.RequestCount(prefix + "/tag/ceasefire"));
        Assert.Empty(host.ReadAlerts());

        await using var anyHost = Create();
        var any = await Scan(anyHost, [source with { Id = "any", MatchAnyPage = true }]);
        Assert.Equal(1, any[0].AlertsWritten);
        Assert.Equal(0, any[0].NotArticles);
    }

    [Fact]
    public async Task Scan_LiveBlog_AlertsOncePerMatchingEntry_AndPicksUpEntriesAddedLater_WithConditionalGets()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var path = prefix + "/live/talks";
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{path}\">Live</a></main></body></html>"));
        Server.Map(path, Conditional(LiveBlog(("e1", "09:50", "Negotiators arrive; a ceasefire is on the table."), ("e2", "09:40", "Delegations gather in Geneva.")), "\"v1\""));
        await using var host = Create();
        var source = new Source("live", listing, SourceKind.Page, "/live/");

        var first = await Scan(host, [source]);
        Assert.Equal(1, first[0].AlertsWritten);
        var alert = Assert.Single(host.ReadAlerts());
        Assert.Equal(AlertIds.Compute("ceasefire", Server.Url(path), "e1"), alert.Id);

        // Unchanged: a conditional GET answered 304, nothing new.
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Scan(host, [source]);
        Assert.Equal(0, second[0].AlertsWritten);
        Assert.Equal(2, Server.RequestCount(path));

        // A new entry with the phrase, and the listing no longer links the blog: it is still re-checked while live.
        Server.Map(prefix + "/", Html("<html><body><main><p>Nothing</p></main></body></html>"));
        Server.Map(path, Conditional(LiveBlog(("e3", "10:08", "Both sides confirm the cease-fire from midnight."), ("e1", "09:50", "Negotiators arrive; a ceasefire is on the table."), ("e2", "09:40", "Delegations gather in Geneva.")), "\"v2\""));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var third = await Scan(host, [source]);
        Assert.Equal(1, third[0].AlertsWritten);
        Assert.Equal(2, host.ReadAlerts().Count);
        Assert.Contains(host.ReadAlerts(), a => a.Id == AlertIds.Compute("ceasefire", Server.Url(path), "e3"));

        // The same page again (a redelivered request, a second scan): nothing twice.
        host.Time.Advance(TimeSpan.FromMinutes(5));
        Server.Map(path, Html(LiveBlog(("e3", "10:08", "Both sides confirm the cease-fire from midnight."), ("e1", "09:50", "Negotiators arrive; a ceasefire is on the table."))));
        var fourth = await Scan(host, [source]);
        Assert.Equal(0, fourth[0].AlertsWritten);
        Assert.Equal(2, host.ReadAlerts().Count);
    }

    [Fact]
    public async Task Scan_LiveBlog_IsNoLongerRechecked_AfterItsCoverageEnds_OrAfterADayWithoutChange()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var ended = prefix + "/live/ended";
        var quiet = prefix + "/live/quiet";
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{ended}\">E</a><a href=\"{quiet}\">Q</a></main></body></html>"));
        Server.Map(ended, Html(LiveBlog(("e1", "09:00", "Talks end.")).Replace("<head>", "<head><meta name=\"test-coverage-end\" content=\"2026-11-25T09:30:00Z\">", StringComparison.Ordinal)));
        Server.Map(quiet, Html(LiveBlog(("e1", "09:55", "Talks go on."))));
        await using var host = Create();
        var source = new Source("live", listing, SourceKind.Page, "/live/");

        await Scan(host, [source]);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Scan(host, [source]);
        Assert.Equal(1, Server.RequestCount(ended));
        Assert.Equal(2, Server.RequestCount(quiet));

        host.Time.Advance(TimeSpan.FromHours(25));
        await Scan(host, [source]);
        Assert.Equal(2, Server.RequestCount(quiet));
    }

    [Fact]
    public async Task Scan_FeedItemWhoseDateMoves_IsFetchedAgain_AndOnlyANewRuleMatchAlerts()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var article = prefix + "/feed/story.html";
        string Feed(string date) => $"""
            <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
            <item><title>Story</title><link>{Server.Url(article).AbsoluteUri}</link><pubDate>{date}</pubDate></item></channel></rss>
            """;
        var feed = Server.Map(prefix + "/rss.xml", Text(Feed("Wed, 25 Nov 2026 09:00:00 GMT"), "application/rss+xml"));
        Server.Map(article, Html(ScanTestHost.Page("Story", "A ceasefire was agreed.")));
        await using var host = Create();
        var source = new Source("feed", feed, SourceKind.Feed);

        var first = await Scan(host, [source]);
        Assert.Equal(1, first[0].AlertsWritten);

        // Same date: not fetched again.
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await Scan(host, [source]);
        Assert.Equal(1, Server.RequestCount(article));

        // The story is expanded and its date moves: fetched again; "boots" alerts, "ceasefire" does not alert twice.
        Server.Map(prefix + "/rss.xml", Text(Feed("Wed, 25 Nov 2026 10:07:00 GMT"), "application/rss+xml"));
        Server.Map(article, Html(ScanTestHost.Page("Story", "A ceasefire was agreed. Nobody rules out boots on the ground.")));
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var third = await Scan(host, [source]);
        Assert.Equal(2, Server.RequestCount(article));
        Assert.Equal(1, third[0].AlertsWritten);
        Assert.Equal(["boots", "ceasefire"], host.ReadAlerts().Select(a => a.RuleId).Order());
    }

    [Fact]
    public async Task Scan_PageWhoseProcessingThrows_IsThatPagesFailure_TriedABoundedNumberOfTimes()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/bad.html", Html(ScanTestHost.Page("Bad", "A ceasefire.").Replace("<head>", "<head><meta name=\"test-throw\" content=\"1\">", StringComparison.Ordinal)));
        Server.Map(prefix + "/news/complex.html", Html(ScanTestHost.Page("Complex", "A ceasefire.").Replace("<head>", "<head><meta name=\"test-too-complex\" content=\"1\">", StringComparison.Ordinal)));
        Server.Map(prefix + "/news/good.html", Html(ScanTestHost.Page("Good", "A ceasefire was agreed.")));
        var listing = Server.Map(prefix + "/", Html($"""
            <html><body><main><a href="{prefix}/news/bad.html">B</a><a href="{prefix}/news/complex.html">C</a><a href="{prefix}/news/good.html">G</a></main></body></html>
            """));
        await using var host = Create();
        var source = new Source("site", listing, SourceKind.Page, "/news/");

        var first = await Scan(host, [source]);

        Assert.Null(first[0].Error);
        Assert.Equal(1, first[0].AlertsWritten);
        Assert.Equal(
            [(FetchOutcome.PageFailed, "bad.html"), (FetchOutcome.TooComplex, "complex.html")],
            first[0].ArticleFailures.Select(f => (f.Outcome, f.ArticleUrl[(f.ArticleUrl.LastIndexOf('/') + 1)..])));
        for (var i = 0; i < 4; i++)
        {
            await Scan(host, [source]);
        }

        Assert.Equal(ArticleRecord.MaxFailures, Server.RequestCount(prefix + "/news/bad.html"));
        Assert.Equal(1, Server.RequestCount(prefix + "/news/complex.html"));
    }

    [Fact]
    public async Task Scan_PlaceholderPublishedDate_CountsAsMissing_SoTheFreshArticleAlerts()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/epoch.html", Html(ScanTestHost.Page("Epoch", "A ceasefire was agreed.", publishedAt: "1970-01-01T00:00:00Z")));
        Server.Map(prefix + "/news/future.html", Html(ScanTestHost.Page("Future", "A ceasefire was agreed.", publishedAt: "2026-12-31T00:00:00Z")));
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/news/epoch.html\">E</a><a href=\"{prefix}/news/future.html\">F</a></main></body></html>"));
        await using var host = Create();

        var results = await Scan(host, [new Source("site", listing, SourceKind.Page, "/news/")]);

        Assert.Equal(2, results[0].AlertsWritten);
        Assert.All(host.ReadAlerts(), a => Assert.Null(a.PublishedAt));
    }

    [Fact]
    public async Task Scan_HostAlreadyBeingScanned_IsSkipped()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var listing = Server.Map(prefix + "/", Html("<html><body></body></html>"));
        await using var host = Create();
        var source = new Source("site", listing, SourceKind.Page);
        var service = host.Services.GetRequiredService<ScanService>();
        var leases = host.Services.GetRequiredService<IHostLeases>();
        var hostKey = HostKey.Of(listing);

        await using (var held = await leases.TryAcquireAsync(hostKey, CancellationToken.None))
        {
            Assert.NotNull(held);
            var skipped = await service.ScanHostAsync(hostKey, [source], Rules, null, CancellationToken.None);
            Assert.NotNull(skipped[0].Skipped);
            Assert.Equal(0, Server.RequestCount(prefix + "/"));
        }

        var scanned = await service.ScanHostAsync(hostKey, [source], Rules, null, CancellationToken.None);
        Assert.Null(scanned[0].Skipped);
        Assert.Equal(1, Server.RequestCount(prefix + "/"));
    }

    [Fact]
    public async Task Scan_RecordsOlderThan30Days_ArePruned_AndTheListingCostsOneStateQuery()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/a.html", Html(ScanTestHost.Page("A", "Nothing.")));
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/news/a.html\">A</a></main></body></html>"));
        await using var host = Create();
        var source = new Source("site", listing, SourceKind.Page, "/news/");
        var records = host.Services.GetRequiredService<ArticleRecordStore>();
        var hostKey = HostKey.Of(listing);

        await Scan(host, [source]);
        Assert.Single(await records.LoadAsync(hostKey, CancellationToken.None));

        host.Time.Advance(TimeSpan.FromDays(31));
        Server.Map(prefix + "/", Html("<html><body><main></main></body></html>"));
        await Scan(host, [source]);
        Assert.Empty(await records.LoadAsync(hostKey, CancellationToken.None));
    }

    [Fact]
    public async Task Scan_SourceFailingForOverSixHours_TellsOperatorsOnce_AndAgainWhenItRecovers()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/a.html", Html(ScanTestHost.Page("A", "Nothing.")));
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/news/a.html\">A</a></main></body></html>"));
        var alarms = new RecordingAlarms();
        await using var host = ScanTestHost.Create(configure: services => services.AddSingleton<ISourceAlarms>(alarms));
        var source = new Source("site", listing, SourceKind.Page, "/news/");

        await Scan(host, [source]);                     // a success; then the site breaks
        Server.Map(prefix + "/", Status(500));
        for (var i = 0; i < 4; i++)
        {
            host.Time.Advance(TimeSpan.FromHours(2));
            await Scan(host, [source]);
        }

        Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/news/a.html\">A</a></main></body></html>"));
        host.Time.Advance(TimeSpan.FromHours(2));
        await Scan(host, [source]);
        await Scan(host, [source]);

        Assert.Equal(["failing", "recovered"], alarms.Seen.Select(a => a.Kind));
        Assert.Equal("site", alarms.Seen[0].SourceId);
        Assert.NotNull(alarms.Seen[0].Reason);
    }

    [Fact]
    public async Task Backfill_RuleAddedLater_AlertsOnceOnArticlesOfTheLastDay_AndNotAgain()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        Server.Map(prefix + "/news/truce.html", Html(ScanTestHost.Page("Truce", "Both sides agreed a truce on Tuesday.")));
        var listing = Server.Map(prefix + "/", Html($"<html><body><main><a href=\"{prefix}/news/truce.html\">T</a></main></body></html>"));
        await using var host = Create();
        var source = new Source("site", listing, SourceKind.Page, "/news/");
        var backfill = host.Services.GetRequiredService<NewRuleBackfill>();
        var before = new NewsWatch.Core.Configuration.NewsWatchConfig([source], [new RuleDefinition("ceasefire", "ceasefire")], [], null);
        Assert.Equal(0, await backfill.RunAsync(before, CancellationToken.None));

        await Scan(host, [source]);                       // matched by "ceasefire" only: no alert, the text is kept
        Assert.Empty(host.ReadAlerts());

        host.Time.Advance(TimeSpan.FromHours(2));
        var after = before with { Rules = [new RuleDefinition("ceasefire", "ceasefire"), new RuleDefinition("truce", "truce")] };
        Assert.Equal(1, await backfill.RunAsync(after, CancellationToken.None));
        Assert.Equal(0, await backfill.RunAsync(after, CancellationToken.None));

        var alert = Assert.Single(host.ReadAlerts());
        Assert.Equal("truce", alert.RuleId);
        Assert.Equal(Server.Url(prefix + "/news/truce.html").AbsoluteUri, alert.ArticleUrl);
        Assert.Equal(1, Server.RequestCount(prefix + "/news/truce.html"));
    }

    private sealed class RecordingAlarms : ISourceAlarms
    {
        public List<SourceAlarm> Seen { get; } = [];

        public Task NotifyAsync(SourceAlarm alarm, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add(alarm);
            }

            return Task.CompletedTask;
        }
    }

    private static ScanTestHost Create() =>
        ScanTestHost.Create(configure: services => services.AddSingleton<IArticleExtractor, ScriptedPageExtractor>());

    private static Task<IReadOnlyList<ScanResult>> Scan(ScanTestHost host, IReadOnlyList<Source> sources) =>
        host.Services.GetRequiredService<HostScanner>().ScanAsync(HostKey.Of(sources[0].Url), sources, Rules, null, CancellationToken.None);

    private static string LiveBlog(params (string Id, string Time, string Text)[] entries)
    {
        var body = string.Concat(entries.Select(e => $"<div class=\"test-entry\" id=\"{e.Id}\" data-time=\"2026-11-25T{e.Time}:00Z\"><p>{e.Text}</p></div>"));
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="test-page-type" content="liveblog"><title>Live: ceasefire talks</title></head>
            <body><main><article><h1>Live: ceasefire talks</h1><p class="standfirst">Follow the ceasefire talks as they happen.</p>{body}</article></main></body></html>
            """;
    }
}

using System.Globalization;
using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>A live blog on the loopback site, in the real Functions host: an entry added between two timer cycles alerts once, and is emailed once.</summary>
public sealed class LiveBlogHostTests(LiveBlogHostFixture host) : IClassFixture<LiveBlogHostFixture>
{
    [FunctionsHostFact]
    public async Task LiveBlog_GainsAnEntryBetweenCycles_OneNewAlertAndOneEmailPerSubscriber()
    {
        // The first fetch: of the three entries only e3 says "ceasefire": one alert, emailed to both subscribers of it.
        var first = await host.WaitForAlertsAsync(1);
        var alert = Assert.Single(first);
        Assert.Equal(AlertKinds.LiveBlogEntry, alert.Kind);
        Assert.Equal("e3", alert.EntryId);
        await host.WaitForEmailsAsync(2);

        // A new entry with the phrase: the next cycles re-fetch the blog (it is live) and alert on that entry only.
        host.Site.Server.Map(LoopbackNewsSite.StoryPath(LiveBlogHostFixture.Slug), LoopbackResponses.Html(LiveBlogHostFixture.Page(
            ("e4", 1, "Monitors report the ceasefire is holding along the whole line."))));
        var alerts = await host.WaitForAlertsAsync(2);
        var added = Assert.Single(alerts, a => a.EntryId == "e4");
        Assert.Equal("ceasefire", added.RuleId);
        Assert.Equal(alert.ArticleUrl, added.ArticleUrl);
        await host.WaitForEmailsAsync(4);
        await host.WaitForScanCyclesAsync(2);

        Assert.Equal(2, (await host.AlertsAsync()).Count);
        Assert.Equal(4, host.Smtp.Received.Count);
        Assert.Equal(2, host.Smtp.MessagesFor(FunctionsHostFixture.Everything).Count);
        Assert.Equal(2, host.Smtp.MessagesFor(FunctionsHostFixture.CeasefireOnly).Count);
    }
}

/// <summary>A host whose site lists one live blog, published before the host starts.</summary>
public sealed class LiveBlogHostFixture : FunctionsHostFixture
{
    public const string Slug = "live-geneva-talks";

    private static readonly (string Id, int MinutesAgo, string Text)[] FirstEntries =
    [
        ("e3", 5, "Both delegations confirm a ceasefire from midnight."),
        ("e2", 20, "Delegations gather in Geneva for a second day."),
        ("e1", 40, "Negotiators arrive at the venue under tight security."),
    ];

    /// <summary>The live blog with <paramref name="newer"/> entries above the first three (JSON-LD and markup, as news sites publish them).</summary>
    public static string Page(params (string Id, int MinutesAgo, string Text)[] newer)
    {
        var now = DateTimeOffset.UtcNow;
        string Time(int minutes) => (now - TimeSpan.FromMinutes(minutes)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var entries = newer.Concat(FirstEntries).ToList();
        var jsonLd = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "LiveBlogPosting",
            ["headline"] = "Live: ceasefire talks in Geneva",
            ["coverageStartTime"] = Time(60),
            ["liveBlogUpdate"] = entries.Select(e => new Dictionary<string, string>
            {
                ["@type"] = "BlogPosting", ["headline"] = "Update", ["url"] = "#" + e.Id, ["datePublished"] = Time(e.MinutesAgo), ["articleBody"] = e.Text,
            }).ToList(),
        });
        var body = string.Concat(entries.Select(e =>
            $"<article class=\"live-entry\" id=\"{e.Id}\"><time datetime=\"{Time(e.MinutesAgo)}\">{e.MinutesAgo} min ago</time><p>{e.Text}</p></article>"));
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Live: ceasefire talks in Geneva</title>
            <script type="application/ld+json">{jsonLd}</script></head>
            <body><main><h1>Live: ceasefire talks in Geneva</h1><p class="standfirst">Follow the ceasefire talks as they happen.</p>{body}</main></body></html>
            """;
    }

    protected override async Task OnInitializedAsync()
    {
        await WriteConfigFileAsync(ConfigJson());
        Site.AddStory(Slug, "Live: ceasefire talks in Geneva", "placeholder");
        Site.Server.Map(LoopbackNewsSite.StoryPath(Slug), LoopbackResponses.Html(Page()));
        await StartHostAsync();
    }
}

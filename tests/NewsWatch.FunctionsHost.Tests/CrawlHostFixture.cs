using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NewsWatch.Core.Scanning;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The host of <see cref="CrawlHostTests"/>: two loopback hosts (two Kestrel ports), host A with three sources (two
/// page listings that share a story, and an RSS feed) and a robots.txt that disallows <c>/story/secret</c> (a story
/// linked from a listing, which would alert), host B with one listing. Every answer takes <see cref="Latency"/>, longer
/// than the interval, so a crawler without limits would have more than 2 requests in flight. The config's
/// <c>fetch</c> section sets the default 2 in flight and a <see cref="IntervalSeconds"/> interval; the queue takes 8
/// messages at a time (the app's batch), so scans of the two hosts run side by side in the one worker.
/// </summary>
public sealed class CrawlHostFixture : FunctionsHostFixture, IAsyncLifetime
{
    /// <summary>The least time between two request starts at one host, set in the config's fetch section.</summary>
    public const double IntervalSeconds = 0.5;

    /// <summary>The disallowed story's path on host A.</summary>
    public const string SecretPath = "/story/secret-plans.html";

    /// <summary>The story both listings of host A link.</summary>
    public const string SharedPath = "/story/shared-talks.html";

    /// <summary>What every answer waits before it is sent.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(600);

    /// <summary>The alerts the config's rules find on both hosts: (rule, path).</summary>
    public static readonly IReadOnlyList<(string RuleId, string Path)> ExpectedAlerts =
    [
        ("ceasefire", "/story/a-ceasefire.html"),
        ("ceasefire", "/story/b-ceasefire.html"),
        ("ceasefire", "/story/feed-ceasefire.html"),
        ("ceasefire", SharedPath),
        ("troops", "/story/a-troops.html"),
        ("troops", "/story/b-troops.html"),
    ];

    private LoopbackHttpServer? _hostB;

    public CrawlHostFixture()
    {
        OneMessageAtATime = false;
    }

    /// <summary>Host A (the fixture's site server).</summary>
    public LoopbackHttpServer HostA => Site.Server;

    /// <summary>Host B, a second port.</summary>
    public LoopbackHttpServer HostB => _hostB ?? throw new InvalidOperationException("not started");

    /// <summary>What host A saw.</summary>
    public CrawlRequestRecorder RecorderA { get; } = new();

    /// <summary>What host B saw.</summary>
    public CrawlRequestRecorder RecorderB { get; } = new();

    /// <summary>The sources of each host, as the scan requests should name them.</summary>
    public IReadOnlyDictionary<string, string[]> SourcesByHost => new Dictionary<string, string[]>
    {
        [HostKey.Of(HostA.BaseUri)] = ["a-world", "a-europe", "a-feed"],
        [HostKey.Of(HostB.BaseUri)] = ["b-world"],
    };

    /// <summary>Stops the host and the fixture's servers, then host B.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_hostB is not null)
        {
            await _hostB.DisposeAsync();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _hostB = await LoopbackHttpServer.StartAsync();

        var a = HostA;
        MapA("/robots.txt", Text("User-agent: *\nDisallow: /story/secret\n", "text/plain"));
        MapA("/world/", Html(Listing("/story/a-ceasefire.html", "/story/a-quiet.html", SecretPath, SharedPath)));
        MapA("/europe/", Html(Listing(SharedPath, "/story/a-troops.html")));
        MapA("/feed.xml", Text(Feed(a, "/story/feed-ceasefire.html", "/story/feed-quiet.html"), "application/rss+xml; charset=utf-8"));
        MapA("/story/a-ceasefire.html", Story("Envoys meet", "Envoys said a ceasefire could be agreed within days."));
        MapA("/story/a-quiet.html", Story("Budget published", "The ministry published its spending plans for next year."));
        MapA(SecretPath, Story("Secret plans", "A ceasefire plan was drawn up in secret."));
        MapA(SharedPath, Story("Talks go on", "Negotiators said a cease-fire was near."));
        MapA("/story/a-troops.html", Story("Allies weigh options", "Several governments are ready to send troops to Ukraine, diplomats said."));
        MapA("/story/feed-ceasefire.html", Story("Feed story", "The ceasefire held through the night, officials said."));
        MapA("/story/feed-quiet.html", Story("Weather", "Rain is expected across the region on Friday."));

        MapB("/robots.txt", Text("User-agent: *\nAllow: /\n", "text/plain"));
        MapB("/world/", Html(Listing("/story/b-ceasefire.html", "/story/b-troops.html")));
        MapB("/story/b-ceasefire.html", Story("Ceasefire talks", "A ceasefire was agreed on Monday, the ministry said."));
        MapB("/story/b-troops.html", Story("Troops", "The parliament voted to send troops to Ukraine."));

        await WriteConfigFileAsync(JsonSerializer.Serialize(new
        {
            sources = new object[]
            {
                new { id = "a-world", url = a.Url("/world/").AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern },
                new { id = "a-europe", url = a.Url("/europe/").AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern },
                new { id = "a-feed", url = a.Url("/feed.xml").AbsoluteUri, kind = "feed" },
                new { id = "b-world", url = HostB.Url("/world/").AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern },
            },
            rules = DefaultRules.Select(r => new { id = r.Id, query = r.Query }),
            subscribers = new object[] { new { email = Everything, rules = new[] { "*" } } },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
            fetch = new { maxInFlightPerHost = 2, minIntervalSeconds = IntervalSeconds },
        }));
        await StartHostAsync();
    }

    private void MapA(string path, RequestDelegate handler) => HostA.Map(path, RecorderA.Wrap(Delayed(Latency, handler)));

    private void MapB(string path, RequestDelegate handler) => HostB.Map(path, RecorderB.Wrap(Delayed(Latency, handler)));

    private static RequestDelegate Story(string title, string lead) => Html(LoopbackNewsSite.StoryPage(title, lead));

    private static string Listing(params string[] paths) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>News</title></head><body><main><h1>News</h1><ul>"
        + string.Concat(paths.Select((p, i) => $"<li><a href=\"{p}\">Story number {i + 1} of the day</a></li>"))
        + "</ul></main></body></html>";

    private static string Feed(LoopbackHttpServer server, params string[] paths) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed</title>"
        + $"<link>{server.BaseUri.AbsoluteUri}</link><description>d</description>"
        + string.Concat(paths.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"<item><title>Item {i + 1}</title><link>{WebUtility.HtmlEncode(server.Url(p).AbsoluteUri)}</link></item>")))
        + "</channel></rss>";
}

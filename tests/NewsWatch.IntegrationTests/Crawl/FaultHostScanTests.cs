using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Scanning;
using NewsWatch.Testing;
using Xunit.Abstractions;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.IntegrationTests.Crawl;

/// <summary>
/// HTTP faults on sources that share one loopback host with sound ones, scanned as the CLI scans (the core with a local
/// data folder, the real clock, the default politeness of 2 in flight): 429 with Retry-After, 500s, a body that
/// drip-feeds bytes, a huge body, connection resets and a redirect loop. The sound sources still alert, no broken URL
/// gets more than a handful of requests (counted at the server), and every drip-fed body is cut off by the client (the
/// attempt timeout), so it does not hold the host's slots.
/// </summary>
public sealed class FaultHostScanTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The most requests one broken URL may get in a cycle.</summary>
    private const int Handful = 5;

    private readonly ConcurrentDictionary<string, int> _aborted = new(StringComparer.Ordinal);
    private LoopbackHttpServer _server = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackHttpServer.StartAsync();
        _folder = Directory.CreateTempSubdirectory("nw-faults-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ScanCycle_FaultsOnSourcesSharingAHost_SoundSourcesAlert_BrokenOnesGetAHandfulOfRequests()
    {
        var s = _server;
        s.Map("/robots.txt", Text("User-agent: *\nAllow: /\n", "text/plain"));

        // Sound sources: a page listing and a feed, each with one story that alerts.
        s.Map("/sound/", Html(Listing("/sound/ceasefire.html", "/sound/quiet.html")));
        s.Map("/sound/ceasefire.html", Html(LoopbackNewsSite.StoryPage("Talks", "Envoys said a ceasefire could be agreed within days.")));
        s.Map("/sound/quiet.html", Html(LoopbackNewsSite.StoryPage("Budget", "The ministry published its spending plans.")));
        s.Map("/feed.xml", Text(Feed("/feed/troops.html"), "application/rss+xml"));
        s.Map("/feed/troops.html", Html(LoopbackNewsSite.StoryPage("Vote", "The parliament voted to send troops to Ukraine.")));

        // Broken listings.
        s.Map("/busy/", TooManyRequests("120"));
        s.Map("/busy-short/", TooManyRequests("1"));
        s.Map("/broken/", Status(StatusCodes.Status500InternalServerError));
        s.Map("/reset/", Abort());
        s.Map("/huge/", Large(64L * 1024 * 1024, withContentLength: false));
        s.Map("/loop/a", Redirect("/loop/b"));
        s.Map("/loop/b", Redirect("/loop/a"));

        // A sound listing whose stories are broken: drip-fed bodies, a reset mid-body, a huge page.
        s.Map("/mixed/", Html(Listing("/mixed/slow-1.html", "/mixed/slow-2.html", "/mixed/cut.html", "/mixed/huge.html", "/mixed/ceasefire.html")));
        s.Map("/mixed/slow-1.html", Drip("/mixed/slow-1.html"));
        s.Map("/mixed/slow-2.html", Drip("/mixed/slow-2.html"));
        s.Map("/mixed/cut.html", AbortMidBody(LoopbackNewsSite.StoryPage("Cut", "A ceasefire story cut off.")));
        s.Map("/mixed/huge.html", Large(64L * 1024 * 1024, withContentLength: true));
        s.Map("/mixed/ceasefire.html", Html(LoopbackNewsSite.StoryPage("Truce", "A cease-fire took hold at dawn.")));

        var sources = new (string Id, string Path, string Kind)[]
        {
            ("sound-page", "/sound/", "page"), ("sound-feed", "/feed.xml", "feed"), ("busy", "/busy/", "page"),
            ("busy-short", "/busy-short/", "page"), ("broken", "/broken/", "page"), ("reset", "/reset/", "page"),
            ("huge", "/huge/", "page"), ("loop", "/loop/a", "page"), ("mixed", "/mixed/", "page"),
        };
        var configFile = Path.Combine(_folder, "newswatch.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new
        {
            sources = sources.Select(x => new { id = x.Id, url = s.Url(x.Path).AbsoluteUri, kind = x.Kind }),
            rules = new[] { new { id = "ceasefire", query = "ceasefire OR \"cease-fire\"" }, new { id = "troops", query = "\"troops to Ukraine\"" } },
            subscribers = new[] { new { email = "desk@example.org", rules = new[] { "*" } } },
            fetch = new { maxInFlightPerHost = 2, minIntervalSeconds = 0.05 },
        }));

        await using var services = Build(configFile);
        var config = await services.GetRequiredService<INewsWatchConfigProvider>().GetConfigAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var results = await services.GetRequiredService<ScanCycle>().RunAsync(config, bound.Token);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cycle: {clock.Elapsed.TotalSeconds:0.0} s"));
        foreach (var r in results)
        {
            output.WriteLine($"{r.SourceId}: {r.Outcome} {r.Error} links {r.LinksFound} fetched {r.ArticlesFetched} alerts {r.AlertsWritten} failures {string.Join("; ", r.ArticleFailures.Select(f => $"{f.ArticleUrl} {f.Outcome}"))}");
        }

        var alerts = ReadAlerts();
        Assert.Equal(
            [("ceasefire", "/mixed/ceasefire.html"), ("ceasefire", "/sound/ceasefire.html"), ("troops", "/feed/troops.html")],
            alerts.Select(a => (a.RuleId, new Uri(a.ArticleUrl).AbsolutePath)).Order().ToList());

        var broken = new[] { "/busy/", "/busy-short/", "/broken/", "/reset/", "/huge/", "/loop/a", "/loop/b", "/mixed/slow-1.html", "/mixed/slow-2.html", "/mixed/cut.html", "/mixed/huge.html" };
        foreach (var path in broken)
        {
            output.WriteLine($"{path}: {s.RequestCount(path)} requests");
            Assert.InRange(s.RequestCount(path), 0, Handful);
        }

        // A 429 slows the host for every source: a broken listing's retries may run out of time before the loop's second
        // hop, or before a retry; each was asked for at least once.
        Assert.All(broken.Where(p => p != "/loop/b"), p => Assert.True(s.RequestCount(p) >= 1, p));

        // Every drip-fed body was cut off by the client (the attempt timeout), none ran on until the scan ended.
        // The server learns of a client's abort a moment after the client gives up: give it a few seconds to catch up.
        foreach (var path in new[] { "/mixed/slow-1.html", "/mixed/slow-2.html" })
        {
            for (var i = 0; i < 50 && _aborted.GetValueOrDefault(path) < s.RequestCount(path); i++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(s.RequestCount(path), _aborted.GetValueOrDefault(path));
        }

        Assert.Equal(1, s.RequestCount("/robots.txt"));
    }

    private ServiceProvider Build(string configFile)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_folder, "data"),
            ["NEWSWATCH_CONFIG"] = configFile,
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",

            // The defaults' shape (retries with backoff, an attempt and a total timeout, Retry-After honoured up to a
            // maximum), scaled down so the cycle takes seconds.
            ["Fetch:AttemptTimeout"] = "00:00:02",
            ["Fetch:TotalTimeout"] = "00:00:06",
            ["Fetch:RetryBaseDelay"] = "00:00:00.100",
            ["Fetch:MaxRetryAfter"] = "00:00:03",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddNewsWatchCore(configuration);
        return services.BuildServiceProvider();
    }

    private List<Alert> ReadAlerts()
    {
        var folder = Path.Combine(_folder, "data", "alerts");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => AlertJson.DeserializeAlert(File.ReadAllText(f)))]
            : [];
    }

    /// <summary>A page that sends its headers, then one byte every 200 ms for ever; counts the clients that hung up.</summary>
    private RequestDelegate Drip(string path) => async context =>
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.Body.WriteAsync("<html><body><p>"u8.ToArray(), context.RequestAborted);
        try
        {
            while (true)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200, context.RequestAborted);
                await context.Response.Body.WriteAsync("a"u8.ToArray(), context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            _aborted.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
    };

    private static string Listing(params string[] paths) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>News</title></head><body><main><ul>"
        + string.Concat(paths.Select((p, i) => $"<li><a href=\"{p}\">Story number {i + 1} of the day</a></li>"))
        + "</ul></main></body></html>";

    private string Feed(params string[] paths) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Feed</title>"
        + $"<link>{_server.BaseUri.AbsoluteUri}</link><description>d</description>"
        + string.Concat(paths.Select((p, i) => $"<item><title>Item {i + 1}</title><link>{WebUtility.HtmlEncode(_server.Url(p).AbsoluteUri)}</link></item>"))
        + "</channel></rss>";
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>
/// Per-host politeness measured at a loopback Kestrel server: requests in flight at once and the gaps between request
/// starts. Only lower bounds on gaps are asserted (the throttle can make requests slower, never faster).
/// </summary>
public sealed class PolitenessTests
{
    private static Dictionary<string, string?> Polite(double interval, int inFlight = 2) => new()
    {
        ["Fetch:MinIntervalSeconds"] = interval.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Fetch:MaxInFlightPerHost"] = inFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Fetch_ManyAtOnce_AtMostTwoInFlightAndSpacedByTheInterval()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var recorder = new ServerRecorder();
        var urls = Enumerable.Range(0, 8)
            .Select(i => server.Map($"/a{i}", recorder.Wrap(Delayed(TimeSpan.FromMilliseconds(300), Html($"<p>{i}</p>")))))
            .ToList();
        await using var services = FetcherHost.Build(Polite(0.2));
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var results = await Task.WhenAll(urls.Select(u => fetcher.FetchAsync(new FetchRequest(u), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(FetchOutcome.Ok, r.Outcome));
        Assert.Equal(8, recorder.Starts.Count);
        Assert.Equal(2, recorder.MaxInFlight);
        Assert.True(recorder.SpanSeconds() >= (7 * 0.2) - 0.1, $"8 starts within {recorder.SpanSeconds():0.000} s (smallest gap {recorder.SmallestGapSeconds():0.000} s)");
    }

    [Fact]
    public async Task Fetch_CrawlDelay_RaisesTheInterval()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var recorder = new ServerRecorder();
        server.Map("/robots.txt", Text("User-agent: *\nCrawl-delay: 0.4\n", "text/plain"));
        var urls = Enumerable.Range(0, 4).Select(i => server.Map($"/c{i}", recorder.Wrap(Html("<p>x</p>")))).ToList();
        await using var services = FetcherHost.Build(Polite(0, inFlight: 8));
        var fetcher = services.GetRequiredService<IPageFetcher>();

        await Task.WhenAll(urls.Select(u => fetcher.FetchAsync(new FetchRequest(u), CancellationToken.None)));

        Assert.Equal(4, recorder.Starts.Count);
        Assert.True(recorder.SpanSeconds() >= (3 * 0.4) - 0.1, $"4 starts within {recorder.SpanSeconds():0.000} s (smallest gap {recorder.SmallestGapSeconds():0.000} s)");
        Assert.Equal(TimeSpan.FromSeconds(0.4), services.GetRequiredService<HostThrottle>().CurrentInterval(urls[0]));
    }

    [Fact]
    public async Task Fetch_RetryAfter_HoldsTheHostForEveryCaller()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var recorder = new ServerRecorder();
        var busy = server.Map("/busy", recorder.Wrap(TooManyRequests("1")));
        var other = server.Map("/other", recorder.Wrap(Html("<p>ok</p>")));
        var settings = Polite(0, inFlight: 8);
        settings["Fetch:MaxRetries"] = "0";
        await using var services = FetcherHost.Build(settings);
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var first = await fetcher.FetchAsync(new FetchRequest(busy), CancellationToken.None);
        var second = await fetcher.FetchAsync(new FetchRequest(other), CancellationToken.None);

        Assert.Equal(FetchOutcome.RateLimited, first.Outcome);
        Assert.Equal(FetchOutcome.Ok, second.Outcome);
        var starts = recorder.Starts;
        Assert.Equal(["/busy", "/other"], starts.Select(s => s.Path));
        Assert.True(Stopwatch.GetElapsedTime(starts[0].Timestamp, starts[1].Timestamp) >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Fetch_RetryAfterLongerThanWeWait_ThatUrlRateLimited_TheHostHeldOnlyForTheMaximum()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var recorder = new ServerRecorder();
        var busy = server.Map("/busy-long", recorder.Wrap(TooManyRequests("3600")));
        var other = server.Map("/other-long", recorder.Wrap(Html("<p>ok</p>")));
        var settings = Polite(0, inFlight: 8);
        settings["Fetch:MaxRetries"] = "3";
        settings["Fetch:MaxRetryAfter"] = "00:00:01";
        await using var services = FetcherHost.Build(settings);
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var first = await fetcher.FetchAsync(new FetchRequest(busy), CancellationToken.None);
        var second = await fetcher.FetchAsync(new FetchRequest(other), CancellationToken.None);

        // The URL that asked for an hour is given up at once (not retried); the host's other URLs wait out the longest
        // pause we honour, not the hour, so the host's sound sources go on.
        Assert.Equal(FetchOutcome.RateLimited, first.Outcome);
        Assert.Equal(1, server.RequestCount("/busy-long"));
        Assert.Equal(FetchOutcome.Ok, second.Outcome);
        var starts = recorder.Starts;
        Assert.True(Stopwatch.GetElapsedTime(starts[0].Timestamp, starts[1].Timestamp) >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Fetch_QueuedBehindTheHostsInterval_WaitDoesNotCountAgainstTotalTimeout_ButIsBoundedByMaxHostWait()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var recorder = new ServerRecorder();
        var urls = Enumerable.Range(0, 4).Select(i => server.Map($"/q{i}", recorder.Wrap(Html($"<p>{i}</p>")))).ToList();
        // Seconds, with room on a loaded machine: each fetch has 2.5 s once its turn comes, and the turns are 1.5 s apart.
        var settings = Polite(1.5, inFlight: 1);
        settings["Fetch:TotalTimeout"] = "00:00:02.500";
        settings["Fetch:MaxHostWait"] = "00:00:03.750";
        await using var services = FetcherHost.Build(settings);
        var fetcher = services.GetRequiredService<IPageFetcher>();

        await fetcher.FetchAsync(new FetchRequest(server.Url("/warm")), CancellationToken.None); // robots.txt read
        await Task.Delay(1600);

        // Four at once, 1.5 s apart: the third starts 3 s after the first (over TotalTimeout, within MaxHostWait); the
        // fourth would start after 4.5 s, past MaxHostWait, and is given up without a request.
        var results = await Task.WhenAll(urls.Select(u => fetcher.FetchAsync(new FetchRequest(u), CancellationToken.None)));

        Assert.Equal(3, results.Count(r => r.Outcome == FetchOutcome.Ok));
        var late = Assert.Single(results, r => r.Outcome != FetchOutcome.Ok);
        Assert.Equal(FetchOutcome.Timeout, late.Outcome);
        Assert.Contains("no turn at", late.Error, StringComparison.Ordinal);
        Assert.Equal(3, recorder.Starts.Count);
    }

    [Fact]
    public async Task Fetch_SlowBodyRetried_AttemptTimeoutRetriedOnceOnly()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var slow = server.Map("/slow-retried", SlowBody("<p>" + new string('x', 100) + "</p>", TimeSpan.FromSeconds(30)));
        var settings = Polite(0, inFlight: 2);
        settings["Fetch:MaxRetries"] = "3";
        settings["Fetch:AttemptTimeout"] = "00:00:00.300";
        await using var services = FetcherHost.Build(settings);

        var result = await services.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(slow), CancellationToken.None);

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Equal(2, server.RequestCount("/slow-retried"));
    }

    [Fact]
    public async Task Fetch_SlowBody_HoldsTheHostsSlotOnlyUntilTheAttemptTimeout()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var slow = server.Map("/slow", SlowBody("<p>" + new string('x', 100) + "</p>", TimeSpan.FromSeconds(30)));
        var fast = server.Map("/fast", Html("<p>fast</p>"));
        var settings = Polite(0, inFlight: 1);
        settings["Fetch:MaxRetries"] = "0";
        // Seconds, with room on a loaded machine: the fast page has a whole attempt of its own once the slow one gives up.
        // The slow body would take 30 s, past the fast page's MaxHostWait: it gets its turn only if the slot is freed at
        // the slow page's attempt timeout.
        settings["Fetch:AttemptTimeout"] = "00:00:02.500";
        settings["Fetch:MaxHostWait"] = "00:00:10";
        await using var services = FetcherHost.Build(settings);
        var fetcher = services.GetRequiredService<IPageFetcher>();
        await fetcher.FetchAsync(new FetchRequest(server.Url("/warm")), CancellationToken.None);

        var slowFetch = fetcher.FetchAsync(new FetchRequest(slow), CancellationToken.None);
        await Task.Delay(100); // lets the slow fetch take the host's only slot first
        var fastResult = await fetcher.FetchAsync(new FetchRequest(fast), CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, fastResult.Outcome);
        Assert.Equal(FetchOutcome.Timeout, (await slowFetch).Outcome);
        Assert.Equal(1, server.RequestCount("/fast"));
    }

    [Fact]
    public async Task Fetch_DefaultUserAgent_NamesNewsWatchAndItsUrl()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        string? robotsAgent = null;
        string? pageAgent = null;
        server.Map("/robots.txt", context =>
        {
            robotsAgent = context.Request.Headers.UserAgent;
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        var url = server.Map("/ua", context =>
        {
            pageAgent = context.Request.Headers.UserAgent;
            return Html("<p>ua</p>")(context);
        });

        await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchPolicy.DefaultUserAgent, pageAgent);
        Assert.Equal(FetchPolicy.DefaultUserAgent, robotsAgent);
        Assert.Contains("+https://github.com/newswatch/newswatch", pageAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SettingsOverTheConfigOverTheDefaults_PerHost()
    {
        var options = new FetchOptions { MinIntervalSeconds = 0.5 };
        options.Hosts["slow.example"] = new HostFetchOptions { MinIntervalSeconds = 5 };
        var policy = new FetchPolicy(Options.Create(options), TimeProvider.System);
        policy.Apply(new FetchSettings("Bot/1", 3, 2, new Dictionary<string, HostFetchSettings>
        {
            ["busy.example"] = new(1, null),
            ["slow.example"] = new(4, 10),
        }));

        Assert.Equal(new HostLimits(3, TimeSpan.FromSeconds(0.5)), policy.For(new Uri("https://a.example/")));
        Assert.Equal(new HostLimits(1, TimeSpan.FromSeconds(0.5)), policy.For(new Uri("https://busy.example/")));
        Assert.Equal(new HostLimits(4, TimeSpan.FromSeconds(5)), policy.For(new Uri("https://slow.example/")));
        Assert.Equal("Bot/1", policy.UserAgent);
        Assert.Equal(new HostLimits(2, TimeSpan.FromSeconds(1)), new FetchPolicy(Options.Create(new FetchOptions()), TimeProvider.System).For(new Uri("https://a.example/")));
    }
}

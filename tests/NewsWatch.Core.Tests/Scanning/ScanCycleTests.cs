using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Scanning;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>
/// A whole cycle (<see cref="ScanCycle"/>, as <c>newswatch scan</c> runs it) over several loopback hosts, on the system
/// clock with the real fetcher, extractor and politeness: what the sites see (robots.txt, requests in flight, spacing)
/// and how many hosts are scanned at once. Only lower bounds on gaps are asserted, never a duration.
/// </summary>
public sealed class ScanCycleTests
{
    private const string Rules = """
        "rules": [ { "id": "ceasefire", "query": "ceasefire" } ]
        """;

    [Fact]
    public async Task RunAsync_HostsSayCrawlDelay_RobotsReadFirst_AndEveryRequestAtLeastTheDelayApart()
    {
        const double delay = 0.3;
        var hosts = new List<(LoopbackHttpServer Server, Recorder Recorder)>();
        var sources = new List<string>();
        try
        {
            for (var h = 0; h < 3; h++)
            {
                var server = await LoopbackHttpServer.StartAsync();
                var recorder = new Recorder();
                hosts.Add((server, recorder));
                server.Map("/robots.txt", recorder.Wrap(Text("User-agent: *\nCrawl-delay: 0.3\n", "text/plain")));
                for (var s = 0; s < 2; s++)
                {
                    var links = string.Concat(Enumerable.Range(0, 2).Select(a =>
                    {
                        var path = $"/story/{s}-{a}.html";
                        server.Map(path, recorder.Wrap(Html(LoopbackNewsSite.StoryPage($"Talks {h} {s} {a}", "Envoys said a ceasefire could be agreed within days."))));
                        return $"<li><a href=\"{path}\">Talks {a}</a></li>";
                    }));
                    var listing = server.Map($"/section/{s}/", recorder.Wrap(Html($"<html><body><main><ul>{links}</ul></main></body></html>")));
                    sources.Add($$"""{ "id": "h{{h}}-s{{s}}", "url": "{{listing}}", "linkPattern": "/story/" }""");
                }
            }

            await using var scan = Cycle(sources, new() { ["Fetch:MinIntervalSeconds"] = "0", ["Fetch:MaxInFlightPerHost"] = "2" });

            var results = await scan.RunAsync();

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(12, scan.ReadAlerts().Count);
            foreach (var (_, recorder) in hosts)
            {
                var starts = recorder.Starts;
                Assert.Equal(7, starts.Count);
                Assert.Equal("/robots.txt", starts[0].Path);
                Assert.True(recorder.MaxInFlight <= 2, $"{recorder.MaxInFlight} requests in flight");

                // The request after robots.txt waits the delay from robots.txt's answer (it was let go before the delay was
                // known); the later ones are spaced by the throttle, which on a busy machine can let one go late and bring it
                // near the next: their span is asserted, as in PolitenessTests.
                var gaps = starts.Zip(starts.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds).ToList();
                var shown = string.Join(", ", gaps.Select(g => g.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
                Assert.True(gaps[0] >= delay - 0.005, $"robots.txt and the next request {gaps[0]:0.000} s apart under Crawl-delay {delay}; gaps {shown}");
                Assert.True(gaps.Sum() >= (gaps.Count * delay) - 0.1, $"{starts.Count} requests within {gaps.Sum():0.000} s under Crawl-delay {delay}; gaps {shown}");
            }
        }
        finally
        {
            foreach (var (server, _) in hosts)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RunAsync_MoreHostsThanTheOldLimitOfSixteen_AreAllScannedAtOnce()
    {
        // Every host's listing answers only once all of them have been asked (or after 20 s, with a 503): a cycle that
        // scans hosts in batches never fills the barrier, and its first batch fails.
        const int count = 24;
        var arrived = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var servers = new List<LoopbackHttpServer>();
        var sources = new List<string>();
        try
        {
            for (var h = 0; h < count; h++)
            {
                var server = await LoopbackHttpServer.StartAsync();
                servers.Add(server);
                server.Map("/robots.txt", Status(404));
                server.Map("/story/a.html", Html(LoopbackNewsSite.StoryPage($"Talks {h}", "Envoys said a ceasefire could be agreed within days.")));
                var listing = server.Map("/world/", async context =>
                {
                    if (Interlocked.Increment(ref arrived) == count)
                    {
                        all.TrySetResult();
                    }

                    try
                    {
                        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));
                        await Html("<html><body><main><a href=\"/story/a.html\">Talks</a></main></body></html>")(context);
                    }
                    catch (TimeoutException)
                    {
                        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    }
                });
                sources.Add($$"""{ "id": "h{{h}}", "url": "{{listing}}", "linkPattern": "/story/" }""");
            }

            await using var scan = Cycle(sources, new()
            {
                ["Fetch:MinIntervalSeconds"] = "0",
                ["Fetch:MaxInFlightPerHost"] = "2",
                ["Fetch:AttemptTimeout"] = "00:00:30",
                ["Fetch:TotalTimeout"] = "00:01:00",
            });

            var results = await scan.RunAsync();

            Assert.All(results, r => Assert.Null(r.Error));
            Assert.Equal(count, scan.ReadAlerts().Count);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RunAsync_ManySourcesOnOneSlowHost_ListingsAreNotQueuedPastTheHostWait()
    {
        // 16 listings at a host that takes one request per 0.5 s: queued all at once, the last would wait 8 s for its
        // turn, past the 6 s a fetch may wait for it; read two at a time, none waits more than about a second. (Each
        // attempt has 4 s: room for a loaded test machine, where a run with half these times once waited past 3 s.)
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Status(404));
        server.Map("/story/a.html", Html(LoopbackNewsSite.StoryPage("Talks", "Envoys said a ceasefire could be agreed within days.")));
        var sources = Enumerable.Range(0, 16)
            .Select(s => $$"""{ "id": "s{{s}}", "url": "{{server.Map($"/section/{s}/", Html("<html><body><main><a href=\"/story/a.html\">Talks</a></main></body></html>"))}}", "linkPattern": "/story/" }""")
            .ToList();
        await using var scan = Cycle(sources, new()
        {
            ["Fetch:MinIntervalSeconds"] = "0.5",
            ["Fetch:MaxInFlightPerHost"] = "2",
            ["Fetch:AttemptTimeout"] = "00:00:04",
            ["Fetch:TotalTimeout"] = "00:00:06",
            ["Fetch:MaxHostWait"] = "00:00:06",
            ["Scan:ArticleParallelism"] = "2",
        });

        var results = await scan.RunAsync();

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Single(scan.ReadAlerts());
    }

    private static CycleHost Cycle(IEnumerable<string> sources, Dictionary<string, string?> settings)
    {
        var data = Directory.CreateTempSubdirectory("nw-cycle-").FullName;
        var configPath = Path.Combine(data, "newswatch.json");
        File.WriteAllText(configPath, $$"""{ "sources": [ {{string.Join(",\n", sources)}} ], {{Rules}} }""");
        settings["NEWSWATCH_DATA_DIR"] = data;
        settings["NEWSWATCH_CONFIG"] = configPath;
        settings["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true";
        settings["Fetch:MaxRetries"] = "0";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddNewsWatchCore(configuration);
        return new CycleHost(services.BuildServiceProvider(), data, NewsWatchConfigReader.LoadFile(configPath));
    }

    private sealed class CycleHost(ServiceProvider services, string data, NewsWatchConfig config) : IAsyncDisposable
    {
        public Task<IReadOnlyList<ScanResult>> RunAsync() => services.GetRequiredService<ScanCycle>().RunAsync(config, CancellationToken.None);

        public List<Alert> ReadAlerts()
        {
            var folder = Path.Combine(data, "alerts");
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => AlertJson.DeserializeAlert(File.ReadAllText(f))).ToList()
                : [];
        }

        public async ValueTask DisposeAsync()
        {
            await services.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Request starts (a monotonic clock) and the most requests in flight, as one host's server sees them.</summary>
    private sealed class Recorder
    {
        private readonly ConcurrentQueue<(string Path, long Timestamp)> _starts = new();
        private int _inFlight;
        private int _maxInFlight;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public List<(string Path, long Timestamp)> Starts => [.. _starts.OrderBy(s => s.Timestamp)];

        public RequestDelegate Wrap(RequestDelegate inner) => async context =>
        {
            _starts.Enqueue((context.Request.Path.Value ?? "/", Stopwatch.GetTimestamp()));
            var now = Interlocked.Increment(ref _inFlight);
            lock (_starts)
            {
                _maxInFlight = Math.Max(_maxInFlight, now);
            }

            try
            {
                await inner(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsWatch.Core;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Benchmarks.Scale;

/// <summary>
/// <c>scale --sources N --hosts H [--latency-ms 100] [--articles 5] [--crawl-delay S] [--watch-seconds T --every S --publish P]</c>:
/// the real scan path (the CLI's <see cref="ScanCycle"/> over a local folder store, default politeness) against the
/// <see cref="NewsSimulator"/>. Prints cycle 1's wall time against the politeness bound, the politeness the servers saw,
/// the due alerts found, peak memory, a second cycle in which nothing changed, and, with <c>--watch-seconds</c>, the
/// time from an article's publication to its alert while cycles run every <c>--every</c> seconds.
/// Exit code 1 when a check fails. <c>Scan__*</c> and <c>Fetch__*</c> environment variables apply, as in the CLI.
/// </summary>
internal static class ScaleRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sources = Arg(args, "--sources", 100);
        var hosts = Arg(args, "--hosts", 10);
        var latency = TimeSpan.FromMilliseconds(Arg(args, "--latency-ms", 100));
        var articles = Arg(args, "--articles", 5);
        var crawlDelay = Arg(args, "--crawl-delay", 0);
        var watchSeconds = Arg(args, "--watch-seconds", 0);
        var every = Arg(args, "--every", 10);
        var publish = Arg(args, "--publish", 10);
        var verbose = args.Contains("--verbose");

        var data = Directory.CreateTempSubdirectory("nw-scale-").FullName;
        await using var sim = await NewsSimulator.StartAsync(sources, hosts, articles, latency, crawlDelay).ConfigureAwait(false);
        var configPath = Path.Combine(data, "newswatch.json");
        await File.WriteAllTextAsync(configPath, sim.ConfigJson(withFetchSection: false)).ConfigureAwait(false);
        Console.WriteLine($"scale: {sources} sources on {hosts} hosts ({sim.Hosts.Max(h => h.Sources.Count)} at most per host), {articles} articles a source, " +
                          $"{latency.TotalMilliseconds:0} ms per answer, crawl-delay {crawlDelay} s; data {data}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores (shared), .NET {Environment.Version}");

        await using var services = Build(data, configPath, verbose);
        var config = NewsWatchConfigReader.LoadFile(configPath);
        var cycle = services.GetRequiredService<ScanCycle>();
        using var memory = new MemorySampler();
        var failed = false;

        // Cycle 1: everything is new.
        var due = sim.DueAlerts();
        var watch = Stopwatch.StartNew();
        var results = await cycle.RunAsync(config, CancellationToken.None).ConfigureAwait(false);
        var wall = watch.Elapsed;
        var busiest = sim.Hosts.MaxBy(h => h.Stats.Requests * h.Interval.TotalSeconds)!;
        var bound = TimeSpan.FromSeconds(busiest.Stats.Requests * busiest.Interval.TotalSeconds);
        var ratio = wall / bound;
        Console.WriteLine();
        Console.WriteLine("cycle 1 (all new)");
        Console.WriteLine($"  wall time            {wall.TotalSeconds,8:0.0} s");
        Console.WriteLine($"  politeness bound     {bound.TotalSeconds,8:0.0} s  (busiest host h{busiest.Index}: {busiest.Stats.Requests} requests x {busiest.Interval.TotalSeconds:0.#} s)");
        Console.WriteLine($"  ratio                {ratio,8:0.00}  (goal <= 1.25) {(ratio <= 1.25 ? "ok" : "MISSED")}");
        failed |= ratio > 1.25;
        PrintTraffic(sim);
        failed |= !CheckPoliteness(sim);
        PrintResults(results);
        failed |= !CheckAlerts(data, due);
        Console.WriteLine($"  peak working set     {memory.PeakWorkingSet / 1048576.0,8:0} MB (whole process: scanner and simulator)");
        Console.WriteLine($"  peak GC heap         {memory.PeakHeap / 1048576.0,8:0} MB");

        // Cycle 2: nothing changed.
        sim.ResetStats();
        watch.Restart();
        results = await cycle.RunAsync(config, CancellationToken.None).ConfigureAwait(false);
        wall = watch.Elapsed;
        Console.WriteLine();
        Console.WriteLine("cycle 2 (nothing changed)");
        Console.WriteLine($"  wall time            {wall.TotalSeconds,8:0.0} s");
        Console.WriteLine($"  requests             {sim.Hosts.Sum(h => h.Stats.Requests),8} ({sim.Hosts.Sum(h => h.Stats.Of(RequestKind.NotModified))} answered 304, {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Article))} article requests, {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Robots))} robots.txt)");
        Console.WriteLine($"  bytes (bodies)       {sim.Hosts.Sum(h => h.Stats.Bytes),8}");
        Console.WriteLine($"  alerts written       {results.Sum(r => r.AlertsWritten),8}");

        if (watchSeconds > 0)
        {
            failed |= !await WatchAsync(sim, cycle, config, data, watchSeconds, every, publish).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine($"peak working set {memory.PeakWorkingSet / 1048576.0:0} MB, peak GC heap {memory.PeakHeap / 1048576.0:0} MB over the run");
        Console.WriteLine(failed ? "RESULT: a check failed" : "RESULT: every check passed");
        return failed ? 1 : 0;
    }

    /// <summary>
    /// A <c>watch</c>-like loop (a cycle, then <paramref name="every"/> seconds' pause) while the simulator publishes
    /// <paramref name="publish"/> articles at random times in the first two thirds of the run; then the time from each
    /// publication to its alert's <c>detectedAt</c>.
    /// </summary>
    private static async Task<bool> WatchAsync(NewsSimulator sim, ScanCycle cycle, NewsWatchConfig config, string data, int seconds, int every, int publish)
    {
        Console.WriteLine();
        Console.WriteLine($"watch: a cycle every {every} s for {seconds} s, {publish} articles published at random times in the first {seconds * 2 / 3} s");
        sim.ResetStats();
        var random = new Random(7);
        var published = new List<SimArticle>();
        var start = Stopwatch.StartNew();
        var times = Enumerable.Range(0, publish).Select(_ => TimeSpan.FromSeconds(random.NextDouble() * seconds * 2 / 3)).Order().ToList();
        var publisher = Task.Run(async () =>
        {
            foreach (var at in times)
            {
                var wait = at - start.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }

                var host = random.Next(sim.Hosts.Count);
                var article = sim.Publish(host, random.Next(sim.Hosts[host].Sources.Count), shared: random.Next(2) == 0);
                lock (published)
                {
                    published.Add(article);
                }
            }
        });
        var cycles = 0;
        var longest = TimeSpan.Zero;
        while (start.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var one = Stopwatch.StartNew();
            await cycle.RunAsync(config, CancellationToken.None).ConfigureAwait(false);
            longest = one.Elapsed > longest ? one.Elapsed : longest;
            cycles++;
            await Task.Delay(TimeSpan.FromSeconds(every)).ConfigureAwait(false);
        }

        await publisher.ConfigureAwait(false);
        var alerts = ReadAlerts(data).Where(a => a.RuleId == "ceasefire").GroupBy(a => a.ArticleUrl).ToDictionary(g => g.Key, g => g.First());
        var latencies = new List<double>();
        var missing = 0;
        foreach (var article in published)
        {
            if (alerts.TryGetValue(article.Url, out var alert))
            {
                latencies.Add((alert.DetectedAt - article.PublishedAt).TotalSeconds);
            }
            else
            {
                missing++;
            }
        }

        latencies.Sort();
        Console.WriteLine($"  cycles               {cycles,8} (longest {longest.TotalSeconds:0.0} s)");
        Console.WriteLine($"  requests             {sim.Hosts.Sum(h => h.Stats.Requests),8} ({sim.Hosts.Sum(h => h.Stats.Of(RequestKind.NotModified))} answered 304)");
        if (latencies.Count > 0)
        {
            Console.WriteLine($"  publication->alert   median {latencies[latencies.Count / 2]:0.0} s, max {latencies[^1]:0.0} s over {latencies.Count} articles; {missing} without an alert");
        }
        else
        {
            Console.WriteLine($"  publication->alert   no alert for any of {published.Count} articles");
        }

        return missing == 0 && latencies.Count > 0;
    }

    private static void PrintTraffic(NewsSimulator sim)
    {
        Console.WriteLine($"  requests             {sim.Hosts.Sum(h => h.Stats.Requests),8} (listings {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Listing))}, articles {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Article))}, robots.txt {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Robots))}, other {sim.Hosts.Sum(h => h.Stats.Of(RequestKind.Other))})");
        Console.WriteLine($"  bytes (bodies)       {sim.Hosts.Sum(h => h.Stats.Bytes),8}");
        Console.WriteLine($"  per host             requests {sim.Hosts.Min(h => h.Stats.Requests)}-{sim.Hosts.Max(h => h.Stats.Requests)}, max in flight {sim.Hosts.Max(h => h.Stats.MaxInFlight)}, smallest gap {sim.Hosts.Min(h => h.Stats.MinGap ?? TimeSpan.MaxValue).TotalSeconds:0.000} s");
    }

    private static bool CheckPoliteness(NewsSimulator sim)
    {
        var ok = true;
        foreach (var host in sim.Hosts)
        {
            var problems = new List<string>();
            if (host.Stats.Of(RequestKind.Robots) == 0)
            {
                problems.Add("robots.txt never read");
            }

            if (host.Stats.MaxInFlight > 2)
            {
                problems.Add($"{host.Stats.MaxInFlight} in flight");
            }

            // 10% of slack: the client's scheduling on a busy machine moves a request's arrival after the throttle let it go.
            if (host.Stats.MinGap is { } gap && gap < host.Interval * 0.9)
            {
                problems.Add($"two requests {gap.TotalSeconds:0.000} s apart (interval {host.Interval.TotalSeconds:0.#} s)");
            }

            if (host.Stats.Of(RequestKind.Disallowed) > 0)
            {
                problems.Add($"{host.Stats.Of(RequestKind.Disallowed)} requests to disallowed paths");
            }

            if (problems.Count > 0)
            {
                ok = false;
                Console.WriteLine($"  POLITENESS h{host.Index}: {string.Join("; ", problems)}");
            }
        }

        Console.WriteLine($"  politeness           {(ok ? "ok: robots.txt read on every host, <= 2 in flight, gaps >= 0.9 x interval, no disallowed path" : "MISSED")}");
        return ok;
    }

    private static void PrintResults(IReadOnlyList<ScanResult> results)
    {
        var failures = results.Where(r => r.Error is not null).ToList();
        Console.WriteLine($"  pages fetched        {results.Sum(r => r.ArticlesFetched),8} (deferred {results.Sum(r => r.Deferred)}, disallowed {results.Sum(r => r.Disallowed)}, page failures {results.Sum(r => r.ArticleFailures.Count(f => f.Outcome != Core.Fetching.FetchOutcome.Disallowed))}, failed sources {failures.Count})");
        foreach (var failure in failures.Take(5))
        {
            Console.WriteLine($"    {failure.SourceId}: {failure.Error}");
        }
    }

    private static bool CheckAlerts(string data, HashSet<(string RuleId, string Url)> due)
    {
        var alerts = ReadAlerts(data).Select(a => (a.RuleId, a.ArticleUrl)).ToHashSet();
        var missing = due.Count(d => !alerts.Contains(d));
        var extra = alerts.Count(a => !due.Contains(a));
        Console.WriteLine($"  alerts               {alerts.Count,8} of {due.Count} due; {missing} missing, {extra} unexpected {(missing == 0 && extra == 0 ? "ok" : "MISSED")}");
        return missing == 0 && extra == 0;
    }

    private static List<Alert> ReadAlerts(string data)
    {
        var folder = Path.Combine(data, "alerts");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => AlertJson.DeserializeAlert(File.ReadAllText(f))).ToList()
            : [];
    }

    /// <summary>The core as the CLI builds it (<c>CliHost.Build</c>): a local folder, private networks allowed, the environment's settings.</summary>
    private static ServiceProvider Build(string data, string configPath, bool verbose)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true" })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["NEWSWATCH_STORAGE"] = string.Empty,
                ["AzureWebJobsStorage"] = string.Empty,
                ["NEWSWATCH_DATA_DIR"] = data,
                [ServiceCollectionExtensions.ConfigFileSetting] = configPath,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning)
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddNewsWatchCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Samples the process's working set and GC heap every 50 ms.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public MemorySampler()
        {
            _loop = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!_stop.IsCancellationRequested)
                {
                    process.Refresh();
                    PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
                    PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(false));
                    try
                    {
                        await Task.Delay(50, _stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public long PeakWorkingSet { get; private set; }

        public long PeakHeap { get; private set; }

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}

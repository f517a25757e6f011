using System.Globalization;
using NewsWatch.Testing;
using Xunit.Abstractions;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// Crawling two loopback hosts in the real Functions host: the timer's one scan request per host, every source's alerts,
/// and the politeness limits measured at the servers across the queue-triggered scans (which run side by side).
/// </summary>
public sealed class CrawlHostTests(CrawlHostFixture host, ITestOutputHelper output) : IClassFixture<CrawlHostFixture>
{
    /// <summary>
    /// Slack for the gaps measured at the server: the throttle spaces the moments it lets requests go, and a request
    /// then still takes its own time to arrive (a new connection, a worker busy with other work). With three test
    /// assemblies running side by side in CI that was measured at up to 74 ms.
    /// </summary>
    private const double GapTolerance = 0.15;

    [FunctionsHostFact]
    public async Task TimerCycle_SourcesOnTwoHosts_OneScanRequestPerHost_AndEverySourceAlerts()
    {
        var alerts = await host.WaitForAlertsAsync(CrawlHostFixture.ExpectedAlerts.Count);

        Assert.Equal(
            CrawlHostFixture.ExpectedAlerts.Order().ToList(),
            alerts.Select(a => (a.RuleId, new Uri(a.ArticleUrl).AbsolutePath)).Order().ToList());

        // Each ScanSource execution got one host's request, naming all of that host's sources; no per-source message.
        var requests = host.Log.Lines.Where(l => l.Contains("Scan request for host", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requests);
        foreach (var (key, ids) in host.SourcesByHost)
        {
            Assert.Contains(requests, l => l.Contains($"Scan request for host {key}: sources {string.Join(",", ids)}", StringComparison.Ordinal));
        }

        Assert.All(requests, l => Assert.Contains(host.SourcesByHost, h => l.Contains($"Scan request for host {h.Key}: sources {string.Join(",", h.Value)}", StringComparison.Ordinal)));
        Assert.True(host.Log.CountOf("Scan requests enqueued: 2 hosts") >= 1, "ScheduleScan logs 2 hosts");

        // The story both listings of host A link is fetched once.
        Assert.Equal(1, host.HostA.RequestCount(CrawlHostFixture.SharedPath));
    }

    [FunctionsHostFact]
    public async Task QueueTriggeredScans_DefaultLimits_AtMostTwoInFlight_SpacedByTheInterval_RobotsObeyed()
    {
        await host.WaitForAlertsAsync(CrawlHostFixture.ExpectedAlerts.Count);
        await host.WaitForScanCyclesAsync(2, scansPerCycle: 2);

        foreach (var (name, server, recorder) in new[] { ("A", host.HostA, host.RecorderA), ("B", host.HostB, host.RecorderB) })
        {
            var requests = recorder.Requests;
            Assert.True(requests.Count >= 4, $"host {name}: {requests.Count} requests");
            Assert.InRange(recorder.MaxInFlight, 1, 2);
            Assert.Equal("/robots.txt", requests[0].Path);
            Assert.All(requests, r => Assert.StartsWith("NewsWatch/", r.UserAgent, StringComparison.Ordinal));
            var gaps = recorder.GapsSeconds();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host {name}: {requests.Count} requests, at most {recorder.MaxInFlight} in flight, smallest gap {gaps.Min():0.000} s"));
            Assert.True(
                gaps.Min() >= CrawlHostFixture.IntervalSeconds - GapTolerance,
                string.Create(CultureInfo.InvariantCulture, $"host {name}: smallest gap {gaps.Min():0.000} s of {gaps.Count}: {string.Join(" ", gaps.Select(g => g.ToString("0.000", CultureInfo.InvariantCulture)))}"));
            Assert.Equal(0, server.RequestCount("/favicon.ico"));
        }

        // Host A's answers take longer than its interval: its scan has 2 in flight at times, never 3.
        Assert.Equal(2, host.RecorderA.MaxInFlight);
        Assert.Equal(0, host.HostA.RequestCount(CrawlHostFixture.SecretPath));
        Assert.DoesNotContain(await host.AlertsAsync(), a => a.ArticleUrl.Contains("secret", StringComparison.Ordinal));
    }
}

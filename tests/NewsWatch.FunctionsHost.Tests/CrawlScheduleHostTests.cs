using System.Text.Json;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>What the ScheduleScan timer puts on queue <c>scan-requests</c>: one message per host, naming its sources.</summary>
public sealed class CrawlScheduleHostTests(CrawlScheduleHostFixture host) : IClassFixture<CrawlScheduleHostFixture>
{
    [FunctionsHostFact]
    public async Task Timer_SourcesOnTwoHosts_OneScanRequestPerHostWithItsSourceIds()
    {
        // A cycle's second host is spread over the interval (its message becomes visible later): wait for a whole cycle.
        List<JsonElement> firstCycle = [];
        await host.WaitUntilAsync(
            async ct =>
            {
                var messages = await host.PeekMessagesAsync(StorageNames.ScanRequestsQueue, ct);
                firstCycle = messages.Select(m => JsonDocument.Parse(m).RootElement)
                    .GroupBy(r => r.GetProperty("requestedAt").GetString())
                    .Select(g => g.ToList())
                    .FirstOrDefault(g => g.Count >= 2) ?? [];
                return firstCycle.Count >= 2;
            },
            () => "both scan requests of one timer cycle on the queue");

        var byHost = firstCycle.ToDictionary(r => r.GetProperty("host").GetString()!, r => r.GetProperty("sourceIds").EnumerateArray().Select(i => i.GetString()!).ToList());
        Assert.Equal(2, firstCycle.Count);
        Assert.Equal(["a-world", "a-feed", "a-sitemap"], byHost[HostKey.Of(host.Site.Server.BaseUri)]);
        Assert.Equal(["b-world"], byHost[HostKey.Of(CrawlScheduleHostFixture.OtherHost)]);
        Assert.All(firstCycle, r =>
        {
            Assert.True(!r.TryGetProperty("sourceId", out var one) || one.ValueKind == JsonValueKind.Null, "no per-source field");
            Assert.True(r.GetProperty("notAfter").GetDateTimeOffset() > r.GetProperty("requestedAt").GetDateTimeOffset());
        });
        Assert.Equal(0, host.Site.Server.RequestCount("/robots.txt"));
    }
}

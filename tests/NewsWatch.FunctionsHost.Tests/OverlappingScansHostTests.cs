using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// Scans of one source that overlap in the host (a timer that fires again while a scan runs, a cold start catching
/// up, two instances): each alert must still reach each subscriber once.
/// </summary>
public sealed class OverlappingScansHostTests
{
    private const int Requests = 4;

    [FunctionsHostFact]
    public async Task ScanRequestsOfOneSourceTogether_ScansOverlap_EachAlertEmailedOncePerSubscriber()
    {
        // Its own host, started here: a skipped test costs nothing.
        await using var host = await FunctionsHostFixture.StartAsync<OverlappingScansHostFixture>();
        var mark = host.Log.Mark();
        var queue = host.Queue(StorageNames.ScanRequestsQueue);
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < Requests; i++)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new ScanRequest(FunctionsHostFixture.SourceId, DateTimeOffset.UnixEpoch), AlertJson.Options));
        }

        await host.WaitForExecutionsAsync("ScanSource", Requests, mark);
        Assert.Equal(3, (await host.WaitForAlertsAsync(3)).Count);
        await host.WaitForEmailsAsync(5);
        await host.WaitForDrainedAsync(StorageNames.AlertsQueue, "SendAlertEmail");

        Assert.Equal(5, host.Smtp.Received.Count);
        Assert.Equal(3, host.Smtp.MessagesFor(FunctionsHostFixture.Everything).Count);
        Assert.Equal(2, host.Smtp.MessagesFor(FunctionsHostFixture.CeasefireOnly).Count);
    }
}

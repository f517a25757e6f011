using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

[Collection(FunctionsAzuriteCollection.Name)]
public sealed class ScheduleScanTests
{
    private readonly AzuriteFixture _azurite;

    public ScheduleScanTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task Run_EnqueuesOneBase64ScanRequestPerHost_NamingItsSources()
    {
        await using var host = await FunctionsTestHost.StartAsync(_azurite, "world", "politics", "economy");
        var raw = host.RawQueue(StorageNames.ScanRequestsQueue);
        await raw.CreateIfNotExistsAsync();
        await raw.ClearMessagesAsync();

        await host.Function<ScheduleScan>().RunAsync(new TimerInfo(), CancellationToken.None);

        var messages = (await raw.ReceiveMessagesAsync(32)).Value;
        var requests = messages
            .Select(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))) // Base64 on the wire
            .Select(FunctionsTestHost.Bind<ScanRequest>)                                                    // as the trigger binds it
            .ToList();
        // The three sources share a host: one request for the host, which one instance scans in turn.
        var request = Assert.Single(requests);
        Assert.Null(request.SourceId);
        Assert.Equal("news.example.org", request.Host);
        Assert.Equal(["economy", "politics", "world"], request.SourceIds!.Order(StringComparer.Ordinal));
        Assert.NotEqual(default, request.RequestedAt);
        Assert.True(request.NotAfter > request.RequestedAt);
        var log = Assert.Single(host.Logs.GetSnapshot(), r => r.Category == typeof(ScheduleScan).FullName);
        Assert.Contains(log.StructuredState!, p => p.Key == "HostCount" && p.Value == "1");
    }

    [Fact]
    public async Task ScanSource_UnknownSource_LogsAWarningAndCompletes()
    {
        await using var host = await FunctionsTestHost.StartAsync(_azurite, "world");

        await host.Function<ScanSource>().RunAsync(new ScanRequest("removed-since", DateTimeOffset.UnixEpoch), CancellationToken.None);

        var warning = Assert.Single(host.Logs.GetSnapshot(), r => r.Category == typeof(ScanSource).FullName && r.Level >= LogLevel.Warning);
        Assert.Contains(warning.StructuredState!, p => p.Key == "SourceId" && p.Value == "removed-since");
    }
}

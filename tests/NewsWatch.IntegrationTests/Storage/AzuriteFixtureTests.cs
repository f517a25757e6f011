using Azure.Storage.Blobs;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Storage;

/// <summary>
/// The fixture every storage test stands on: when a port it chose is taken before Azurite binds it (CI saw this once,
/// four host tests failing with "Azurite exited at start"), Azurite is started again on new ports; when it cannot start,
/// the error holds what Azurite printed.
/// </summary>
public sealed class AzuriteFixtureTests
{
    [Fact]
    public async Task PortTakenBeforeAzuriteBindsIt_StartsAgainOnNewPorts_AndServes()
    {
        using var taken = LoopbackPorts.Hold(out var takenPort);
        var chosen = new List<int>();
        var azurite = new AzuriteFixture
        {
            // The first blob port is one a listener holds, as if another process had taken it meanwhile.
            ChoosePort = () =>
            {
                var port = chosen.Count == 0 ? takenPort : LoopbackPorts.Unused();
                chosen.Add(port);
                return port;
            },
        };

        await azurite.InitializeAsync();
        try
        {
            Assert.Equal(6, chosen.Count);
            Assert.DoesNotContain($":{takenPort}/", azurite.ConnectionString, StringComparison.Ordinal);
            var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("c" + Guid.NewGuid().ToString("N"));
            Assert.True((await container.CreateIfNotExistsAsync()).HasValue);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task PortTakenEveryTime_FailsAfterThreeStarts_WithWhatAzuritePrinted()
    {
        using var taken = LoopbackPorts.Hold(out var takenPort);
        var starts = 0;
        var azurite = new AzuriteFixture
        {
            // Every start's blob port is the held one (its queue and table ports are free, so the wait ends on them).
            ChoosePort = () => starts++ % 3 == 0 ? takenPort : LoopbackPorts.Unused(),
        };

        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(azurite.InitializeAsync);
            Assert.Equal(9, starts);
            Assert.Contains("exited at start 3 times", error.Message, StringComparison.Ordinal);
            Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}

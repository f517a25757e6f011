using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NewsWatch.Core.Alerts;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary><c>newswatch scan --storage</c> on a real Azurite: alerts land as blobs and Base64 queue messages, once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteScanTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Scan_SampleToAzurite_BlobsAndMessages_SecondScanAddsNothing()
    {
        var config = Path.Combine(RepoPaths.Root, "samples", "newswatch.json");
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("alerts");
        var queue = new QueueClient(azurite.ConnectionString, "alerts", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        if (await blobs.ExistsAsync())
        {
            await foreach (var existing in blobs.GetBlobsAsync())
            {
                await blobs.DeleteBlobAsync(existing.Name);
            }
        }

        var first = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", config, "--storage", azurite.ConnectionString);
        var second = await CliRunner.RunAsync(RepoPaths.Root, "scan", "--config", config, "--storage", azurite.ConnectionString);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(second.ExitCode == 0, second.StdErr);
        Assert.Contains("Alerts written: 3", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 0", second.StdOut, StringComparison.Ordinal);

        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(3, names.Count);
        Assert.All(names, n => Assert.Matches(@"^\d{4}/\d{2}/\d{2}/[0-9a-f]{16}\.json$", n));

        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(3, messages.Length);
        var parsed = messages.Select(m => AlertJson.DeserializeMessage(m.Body.ToString())).ToList();
        Assert.Equal(names.Order(), parsed.Select(p => p.BlobName).Order());
        foreach (var message in parsed)
        {
            var alert = AlertJson.DeserializeAlert((await blobs.GetBlobClient(message.BlobName).DownloadContentAsync()).Value.Content.ToString());
            Assert.Equal(message.AlertId, alert.Id);
            Assert.Equal(message.RuleId, alert.RuleId);
            Assert.Equal(message.ArticleUrl, alert.ArticleUrl);
        }
    }
}

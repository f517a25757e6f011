using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Delivery;

/// <summary>
/// <c>newswatch deliver --storage</c>'s drain on Azurite's queue, where a deferred copy is a new queue message (the
/// local folder keeps one file per alert, so there it is not).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DrainOnAzureStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reader = "reader@example.org";
    private string _directory = null!;
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("newswatch-drain-azure-").FullName;
        var queue = new QueueClient(azurite.ConnectionString, StorageNames.AlertsQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync(); // what other tests of the collection left
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Drain_MailServerUnavailable_TheDeferredCopySendsWhenItAnswers()
    {
        var configPath = Path.Combine(_directory, "newswatch.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}],
              "subscribers": [{"email": "{{Reader}}", "rules": ["*"]}],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_STORAGE"] = azurite.ConnectionString,
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "0",
            ["NEWSWATCH_OUTAGE_DELAY"] = "00:00:01",
        }).Build();
        await using var services = new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
        var url = new Uri($"https://news.example.org/world/{Guid.NewGuid():N}");
        var alert = new Alert(
            AlertIds.Compute("ceasefire", url), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", "world", url.AbsoluteUri, "Talks resume",
            null, DateTimeOffset.UtcNow, "en", [new TermMatch("ceasefire", "body", 1)], [new Snippet("body", "A ceasefire now.", [new Highlight(2, 9)])]);
        await services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        var drainer = services.GetRequiredService<AlertQueueDrainer>();
        _smtp.FailNextTransactions(1000, 421);

        var down = await drainer.DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);
        _smtp.FailNextTransactions(0);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the copy's delay
        var back = await drainer.DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);

        Assert.Equal(new DrainResult(0, 0, 0, 0, 0, Deferred: 1), down);
        // The copy, another queue message, owns the send its first message left at 'sending': it sends now, where a
        // stranger would skip it as in flight elsewhere and the alert would never go.
        Assert.Equal(new DrainResult(Delivered: 1, EmailsSent: 1, 0, 0, 0), back);
        Assert.Single(_smtp.MessagesFor(Reader));
    }
}

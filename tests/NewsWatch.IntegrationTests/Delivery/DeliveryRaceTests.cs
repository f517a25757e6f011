using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Delivery;

/// <summary>
/// Two delivery services (two instances: their own service providers and storage clients) take copies of the same
/// messages at the same moment against Azurite's Table state: the conditional move to <c>sending</c> lets one send.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryRaceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Reader = "reader@example.org";
    private const string Other = "other@example.org";
    private string _directory = null!;
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("newswatch-race-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DeliverAsync_TwoInstancesRaceOnDuplicateMessages_OneEmailPerAlertAndRecipient()
    {
        var configPath = await WriteConfigAsync();
        await using var first = Instance(configPath);
        await using var second = Instance(configPath);
        var messages = new List<AlertMessage>();
        for (var i = 0; i < 12; i++)
        {
            var alert = NewAlert();
            await first.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
            messages.Add(new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title));
        }

        // Each message twice, as two distinct queue messages (different ids), one copy on each instance, at once.
        using var start = new ManualResetEventSlim();
        var tasks = messages.SelectMany(m => new[] { (first, "a-" + m.AlertId, m), (second, "b-" + m.AlertId, m) })
            .Select(t => Task.Run(async () =>
            {
                start.Wait();
                return await t.Item1.GetRequiredService<AlertDeliveryService>().DeliverAsync(t.m, t.Item2, CancellationToken.None);
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(messages.Count, _smtp.MessagesFor(Reader).Count);
        Assert.Equal(messages.Count, _smtp.MessagesFor(Other).Count);
        Assert.Equal(messages.Count * 2, results.Sum(r => r.Sent));
        foreach (var message in messages)
        {
            Assert.Single(_smtp.MessagesFor(Reader), e => e.Headers["X-NewsWatch-Alert-Id"] == message.AlertId);
        }
    }

    [Fact]
    public async Task DeliverAsync_RetryOfTheSameMessageAfterACrash_SendsAgainButADuplicateDoesNot()
    {
        var configPath = await WriteConfigAsync();
        await using var instance = Instance(configPath);
        var alert = NewAlert();
        await instance.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        var message = new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title);
        var ledger = instance.GetRequiredService<DeliveryLedger>();

        // The first try of message "m1" claimed the send and died before recording it.
        Assert.Equal(DeliveryClaim.Claimed, (await ledger.TryClaimAsync(alert.Id, Reader, "m1", CancellationToken.None)).Claim);
        var duplicate = await instance.GetRequiredService<AlertDeliveryService>().DeliverAsync(message, "m2", CancellationToken.None);
        var retry = await instance.GetRequiredService<AlertDeliveryService>().DeliverAsync(message, "m1", CancellationToken.None);

        Assert.Equal(RecipientOutcome.SkippedInFlight, duplicate.Recipients.Single(r => r.Recipient == Reader).Outcome);
        Assert.Equal(RecipientOutcome.Sent, retry.Recipients.Single(r => r.Recipient == Reader).Outcome);
        Assert.Single(_smtp.MessagesFor(Reader));
    }

    private async Task<string> WriteConfigAsync()
    {
        var configPath = Path.Combine(_directory, "newswatch.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}],
              "subscribers": [{"email": "{{Reader}}", "rules": ["*"]}, {"email": "{{Other}}", "rules": ["ceasefire"]}],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        return configPath;
    }

    private ServiceProvider Instance(string configPath)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_STORAGE"] = azurite.ConnectionString,
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "1",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:00.005",
        }).Build();
        return new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
    }

    private static Alert NewAlert()
    {
        var url = new Uri($"https://news.example.org/world/{Guid.NewGuid():N}");
        return new Alert(
            AlertIds.Compute("ceasefire", url), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", "world", url.AbsoluteUri, "Talks resume",
            null, new DateTimeOffset(2026, 11, 25, 9, 41, 12, TimeSpan.Zero), "en", [new TermMatch("ceasefire", "body", 1)],
            [new Snippet("body", "A ceasefire now.", [new Highlight(2, 9)])]);
    }
}

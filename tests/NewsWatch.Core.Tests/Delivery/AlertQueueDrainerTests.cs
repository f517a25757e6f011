using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Delivery;

/// <summary>The CLI's drain over the local folder storage (its default) and a real SMTP server.</summary>
public sealed class AlertQueueDrainerTests : IAsyncLifetime
{
    private const string Reader = "reader@example.org";
    private string _directory = null!;
    private SmtpTestServer _smtp = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("newswatch-drain-").FullName;
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
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "1",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:00.005",
        }).Build();
        _services = new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Drain_DeliversEveryMessageOnceAndEmptiesTheQueue()
    {
        await PublishAsync(NewAlert());
        await PublishAsync(NewAlert());

        var result = await Drainer().DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);
        var again = await Drainer().DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);

        Assert.Equal(new DrainResult(Delivered: 2, EmailsSent: 2, RecipientsFailed: 0, Poisoned: 0, LeftForRetry: 0), result);
        Assert.Equal(new DrainResult(0, 0, 0, 0, 0), again);
        Assert.Equal(2, _smtp.MessagesFor(Reader).Count);
    }

    [Fact]
    public async Task Drain_UnparsableMessage_IsPoisonedAtOnce()
    {
        var queue = Path.Combine(_directory, "data", "queue");
        Directory.CreateDirectory(queue);
        await File.WriteAllTextAsync(Path.Combine(queue, "garbage.json"), "{not json");

        var result = await Drainer().DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);

        Assert.Equal(1, result.Poisoned);
        Assert.True(File.Exists(Path.Combine(queue, "poison", "garbage.json")));
        Assert.True(File.Exists(Path.Combine(queue, "poison", "garbage.reason.txt")));
    }

    [Fact]
    public async Task Drain_MissingAlertBlob_IsPoisonedAtOnceWithTheReason()
    {
        var queue = _services.GetRequiredService<IAlertQueue>();
        await queue.EnqueueAsync(new AlertMessage("00000000000000aa", "2026/11/25/00000000000000aa.json", "ceasefire", "https://news.example.org/x", null), CancellationToken.None);

        var result = await Drainer().DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);

        Assert.Equal(1, result.Poisoned);
        var reason = await File.ReadAllTextAsync(Path.Combine(_directory, "data", "queue", "poison", "00000000000000aa.reason.txt"));
        Assert.Contains("does not exist", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_TransientFailure_LeavesTheMessageUntilMaxDequeueCountThenPoisonsIt()
    {
        await PublishAsync(NewAlert());
        _smtp.FailNextTransactions(1000, 451);
        var drainer = Drainer();

        var first = await drainer.DrainAsync(maxDequeueCount: 2, CancellationToken.None);
        var second = await drainer.DrainAsync(maxDequeueCount: 2, CancellationToken.None);

        Assert.Equal(new DrainResult(0, 0, 0, 0, LeftForRetry: 1), first);
        Assert.Equal(new DrainResult(0, 0, 0, Poisoned: 1, 0), second);
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, "data", "queue", "poison"), "*.reason.txt"));
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task Drain_MailServerUnreachable_DefersWithoutSpendingTries_TriesOneMessagePerDrain_DeliversWhenBack()
    {
        await PublishAsync(NewAlert());
        await PublishAsync(NewAlert());
        _smtp.FailNextTransactions(1000, 421); // service not available, to every MAIL FROM
        var drainer = Drainer();

        for (var drain = 1; drain <= 4; drain++) // twice as many drains as a message has tries here
        {
            var before = _smtp.Transactions;
            var result = await drainer.DrainAsync(maxDequeueCount: 2, CancellationToken.None);

            Assert.Equal(new DrainResult(0, 0, 0, Poisoned: 0, LeftForRetry: 0, Deferred: 2), result);
            Assert.Equal(2, _smtp.Transactions - before); // one message tried (a send and its one retry), the other not
        }

        Assert.False(Directory.Exists(Path.Combine(_directory, "data", "queue", "poison")));
        var queued = Directory.GetFiles(Path.Combine(_directory, "data", "queue"), "*.json").Select(File.ReadAllText).Select(AlertJson.DeserializeMessage).ToList();
        Assert.Equal(2, queued.Count);
        Assert.All(queued, m => Assert.NotNull(m.OutageSince));
        Assert.Equal(4, queued.Sum(m => m.Deferrals)); // only a try makes the next wait longer: 4 drains tried one message each

        _smtp.FailNextTransactions(0);
        var back = await drainer.DrainAsync(maxDequeueCount: 2, CancellationToken.None);

        Assert.Equal(new DrainResult(Delivered: 2, EmailsSent: 2, 0, 0, 0), back);
        Assert.Equal(2, _smtp.MessagesFor(Reader).Count);
    }

    [Fact]
    public async Task Drain_OneSubscribersWebhookDown_DefersItsAlert_TheDrainGoesOnWithTheOthers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Refuse("/down", 503);
        var configPath = Path.Combine(_directory, "hooks.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}, {"id": "troops", "query": "troops"}],
              "subscribers": [
                {"email": "{{Reader}}", "rules": ["troops"]},
                {"email": "hooked@example.org", "rules": ["ceasefire"], "channels": [{"type": "slack", "url": "{{receiver.Url("/down")}}"}]}
              ],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, "data-hooks"),
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",
            ["NEWSWATCH_CHANNEL_RETRIES"] = "0",
        }).Build();
        await using var services = new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
        var publisher = services.GetRequiredService<AlertPublisher>();
        await publisher.PublishAsync(NewAlert("ceasefire"), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await publisher.PublishAsync(NewAlert("troops"), CancellationToken.None);
        }

        var drainer = services.GetRequiredService<AlertQueueDrainer>();
        var down = await drainer.DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);
        receiver.Restore("/down");
        var back = await drainer.DrainAsync(AlertQueueDrainer.DefaultMaxDequeueCount, CancellationToken.None);

        // A webhook is one subscriber's: the other alerts go out in the same drain, whatever the order.
        Assert.Equal(new DrainResult(Delivered: 3, EmailsSent: 3, 0, Poisoned: 0, LeftForRetry: 0, Deferred: 1), down);
        Assert.Equal(new DrainResult(Delivered: 1, EmailsSent: 1, 0, 0, 0), back); // the Slack post (the count takes every channel)
        Assert.Equal(3, _smtp.MessagesFor(Reader).Count);
        Assert.Single(receiver.AcceptedAt("/down"));
    }

    [Fact]
    public async Task Deliver_NoSmtpAnywhere_NamesTheSettingsToSet()
    {
        var configPath = Path.Combine(_directory, "no-smtp.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {"sources": [{"id": "world", "url": "https://news.example.org/world/"}], "rules": [{"id": "ceasefire", "query": "ceasefire"}],
             "subscribers": [{"email": "{{Reader}}", "rules": ["*"]}]}
            """);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["NEWSWATCH_CONFIG"] = configPath,
        }).Build();
        await using var services = new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
        var alert = NewAlert();
        await services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ConfigException>(() => services.GetRequiredService<AlertDeliveryService>().DeliverAsync(
            new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title), CancellationToken.None));

        Assert.Contains("NEWSWATCH_SMTP_HOST", ex.Message, StringComparison.Ordinal);
    }

    private AlertQueueDrainer Drainer() => _services.GetRequiredService<AlertQueueDrainer>();

    private Task PublishAsync(Alert alert) => _services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);

    private static Alert NewAlert(string ruleId = "ceasefire")
    {
        var url = new Uri($"https://news.example.org/world/{Guid.NewGuid():N}");
        return new Alert(
            AlertIds.Compute(ruleId, url), 1, ruleId, ruleId, "world", url.AbsoluteUri, "Talks resume",
            null, new DateTimeOffset(2026, 11, 25, 9, 41, 12, TimeSpan.Zero), "en", [new TermMatch(ruleId, "body", 1)],
            [new Snippet("body", $"A {ruleId} now.", [new Highlight(2, ruleId.Length)])]);
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery.Channels;
using NewsWatch.Core.Delivery;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Delivery.Channels;

/// <summary>
/// Webhook, Teams and Slack channels end to end through <see cref="AlertDeliveryService"/> and <see cref="DigestService"/>:
/// folder storage, a real SMTP server, a loopback Kestrel receiver that checks signatures and fails on demand, a fake clock.
/// </summary>
public sealed class ChannelDeliveryTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests";
    private const string Chat = "chat@example.org";
    private const string Budget = "budget@example.org";
    private const string Daily = "daily@example.org";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
    private string _directory = null!;
    private string _configPath = null!;
    private SmtpTestServer _smtp = null!;
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Secret = Secret;
        _directory = Directory.CreateTempSubdirectory("newswatch-channels-").FullName;
        _configPath = Path.Combine(_directory, "newswatch.json");
        await File.WriteAllTextAsync(_configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}, {"id": "storm", "query": "storm"}, {"id": "quake", "query": "quake"}],
              "subscribers": [
                {"email": "{{Chat}}", "rules": ["ceasefire"], "maxPerHour": 1000, "channels": [
                  {"type": "email"},
                  {"type": "webhook", "url": "{{_receiver.Url("/hook")}}", "secretSetting": "NEWSWATCH_WEBHOOK_SECRET"},
                  {"type": "teams", "url": "{{_receiver.Url("/teams")}}"},
                  {"type": "slack", "url": "{{_receiver.Url("/slack")}}"}]},
                {"email": "{{Budget}}", "rules": ["storm"], "maxPerHour": 1, "channels": [
                  {"type": "webhook", "url": "{{_receiver.Url("/budget")}}", "secretSetting": "NEWSWATCH_WEBHOOK_SECRET"}]},
                {"email": "{{Daily}}", "rules": ["quake"], "delivery": "daily", "at": "08:00", "channels": [
                  {"type": "webhook", "url": "{{_receiver.Url("/daily")}}", "secretSetting": "NEWSWATCH_WEBHOOK_SECRET"},
                  {"type": "slack", "url": "{{_receiver.Url("/daily-slack")}}"}]}
              ],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        _services = Services(allowPrivate: true);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DeliverAsync_EveryChannel_OnePostEach_WebhookSigned_RedeliverySendsNothing()
    {
        var message = await PublishAsync(ChannelTestAlerts.Create());

        var result = await Delivery.DeliverAsync(message, "m1", CancellationToken.None);
        await Delivery.DeliverAsync(message, "m1", CancellationToken.None);
        await Delivery.DeliverAsync(message, "m2", CancellationToken.None);

        Assert.Equal(4, result.Sent);
        Assert.Equal(["email", "webhook:", "teams:", "slack:"], result.Recipients.Select(r => r.Channel!.Split(':')[0] + (r.Channel.Contains(':', StringComparison.Ordinal) ? ":" : "")));
        Assert.Single(_smtp.MessagesFor(Chat));
        var hook = Assert.Single(_receiver.AcceptedAt("/hook"));
        Assert.True(hook.SignatureValid);
        Assert.Equal(message.AlertId, hook.Id);
        Assert.Equal("alert", hook.Kind);
        Assert.Equal("application/json; charset=utf-8", hook.ContentType);
        Assert.Equal(message.AlertId, (string?)JsonNode.Parse(hook.Body)!["alert"]!["id"]);
        var teams = Assert.Single(_receiver.AcceptedAt("/teams"));
        Assert.Null(teams.Signature);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)JsonNode.Parse(teams.Body)!["attachments"]![0]!["contentType"]);
        Assert.Single(_receiver.AcceptedAt("/slack"));
        Assert.Equal(3, _receiver.Requests);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverFailsTwiceThen429WithRetryAfter_RetriedInPlace_OnePost()
    {
        var message = await PublishAsync(ChannelTestAlerts.Create());
        _receiver.FailNext(2, 503);

        var first = await Delivery.DeliverAsync(message, "m1", CancellationToken.None);
        _receiver.FailNext(1, 429, retryAfter: "0");
        var second = await Delivery.DeliverAsync(await PublishAsync(ChannelTestAlerts.Create(sourceId: "other")), "m2", CancellationToken.None);

        Assert.Equal(4, first.Sent);
        Assert.Equal(4, second.Sent);
        Assert.Equal(2, _receiver.AcceptedAt("/hook").Count);
        Assert.Equal(3 + 2 + 3 + 1, _receiver.Requests);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverRefuses404_RecordedFailedForGood_NeverTriedAgain()
    {
        _receiver.Refuse("/slack", 404);
        var message = await PublishAsync(ChannelTestAlerts.Create());

        var result = await Delivery.DeliverAsync(message, "m1", CancellationToken.None);
        var requests = _receiver.Requests;
        await Delivery.DeliverAsync(message, "m2", CancellationToken.None);

        var slack = Assert.Single(result.Recipients, r => r.Channel!.StartsWith("slack:", StringComparison.Ordinal));
        Assert.Equal(RecipientOutcome.Failed, slack.Outcome);
        Assert.Contains("404", slack.Reason, StringComparison.Ordinal);
        Assert.Equal(3, result.Sent);
        Assert.Equal(requests, _receiver.Requests);
        Assert.Equal(3, requests); // a 404 is not retried
        Assert.Equal(DeliveryState.Sent, (await Ledger.GetAsync(message.AlertId, Chat, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverDown_ThrowsForRetry_TheRetrySendsOnlyTheOpenChannel()
    {
        _receiver.Refuse("/teams", 503);
        var message = await PublishAsync(ChannelTestAlerts.Create());

        var failed = await Assert.ThrowsAsync<AlertDeliveryException>(() => Delivery.DeliverAsync(message, "m1", CancellationToken.None));
        _receiver.Restore("/teams");
        var retry = await Delivery.DeliverAsync(message, "m1", CancellationToken.None);

        Assert.Equal(RecipientOutcome.Retry, Assert.Single(failed.Result!.Recipients, r => r.Channel!.StartsWith("teams:", StringComparison.Ordinal)).Outcome);
        Assert.True(failed.Outage, "the one channel left to retry is a receiver still answering 503: an outage, no try spent");
        Assert.Equal(1, retry.Sent);
        Assert.Single(_smtp.MessagesFor(Chat));
        Assert.Single(_receiver.AcceptedAt("/hook"));
        Assert.Single(_receiver.AcceptedAt("/teams"));
        Assert.Single(_receiver.AcceptedAt("/slack"));
    }

    [Theory]
    [InlineData(421, true)]  // the mail server will not serve anyone: both channels left wait for their receivers
    [InlineData(451, false)] // a 4xx to this message: an ordinary failed try, whatever the Teams receiver does
    public async Task DeliverAsync_AnOutageOnlyWhenEveryChannelLeftToRetryIsUnreachable(int smtpCode, bool outage)
    {
        _receiver.Refuse("/teams", 503);
        _smtp.FailNextTransactions(1000, smtpCode);
        var message = await PublishAsync(ChannelTestAlerts.Create());

        var failed = await Assert.ThrowsAsync<AlertDeliveryException>(() => Delivery.DeliverAsync(message, "m1", CancellationToken.None));

        Assert.Equal(2, failed.Result!.ToRetry); // the email and the Teams post; the webhook and Slack were posted
        Assert.Equal(outage, failed.Outage);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverAsksForALongerPauseThanIsWaitedInPlace_TheOutageCarriesIt()
    {
        _receiver.FailNext(3, 429, retryAfter: "600"); // the three posts; past NEWSWATCH_CHANNEL_MAX_RETRY_AFTER (60 s)
        var message = await PublishAsync(ChannelTestAlerts.Create());

        var failed = await Assert.ThrowsAsync<AlertDeliveryException>(() => Delivery.DeliverAsync(message, "m1", CancellationToken.None));

        Assert.Equal(3, failed.Result!.ToRetry);
        Assert.Equal(3, _receiver.Requests); // not retried in place
        Assert.True(failed.Outage);
        Assert.False(failed.MailServerUnreachable); // the email went out
        Assert.Equal(TimeSpan.FromSeconds(600), failed.RetryAfter);
        var (_, delay) = DeliveryOutage.Defer(message, "m1", DateTimeOffset.UtcNow, new OutageOptions(), failed.RetryAfter)!.Value;
        Assert.Equal(TimeSpan.FromSeconds(600), delay);
    }

    [Fact]
    public async Task DeliverAsync_TwoRacingDeliverersOfOneMessage_OnePostPerChannel()
    {
        var messages = new List<AlertMessage>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await PublishAsync(ChannelTestAlerts.Create(sourceId: "s" + i)));
        }

        await Task.WhenAll(messages.SelectMany(m => new[]
        {
            Task.Run(() => Delivery.DeliverAsync(m, "a-" + m.AlertId, CancellationToken.None)),
            Task.Run(() => Delivery.DeliverAsync(m, "b-" + m.AlertId, CancellationToken.None)),
        }));

        foreach (var path in new[] { "/hook", "/teams", "/slack" })
        {
            Assert.Equal(messages.Select(m => m.AlertId).Order(), _receiver.AcceptedAt(path).Select(p => p.Id).Order());
        }

        Assert.Equal(messages.Count, _smtp.MessagesFor(Chat).Count);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverFailingPartOfTheTime_EveryAlertPostedOncePerChannel()
    {
        _receiver.FailureRate = 0.35;
        var messages = new List<AlertMessage>();
        for (var i = 0; i < 20; i++)
        {
            messages.Add(await PublishAsync(ChannelTestAlerts.Create(sourceId: "s" + i)));
        }

        var redeliveries = 0;
        foreach (var message in messages)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await Delivery.DeliverAsync(message, "q-" + message.AlertId, CancellationToken.None);
                    break;
                }
                catch (AlertDeliveryException) when (attempt < 20)
                {
                    redeliveries++; // the queue would deliver the message again
                }
            }
        }

        foreach (var path in new[] { "/hook", "/teams", "/slack" })
        {
            Assert.Equal(messages.Select(m => m.AlertId).Order(), _receiver.AcceptedAt(path).Select(p => p.Id).Order());
        }

        Assert.All(_receiver.AcceptedAt("/hook"), p => Assert.True(p.SignatureValid));
        Assert.True(_receiver.Requests > messages.Count * 3, "the receiver failed some requests");
        Assert.Equal(messages.Count, _smtp.MessagesFor(Chat).Count);
        Assert.True(redeliveries > 0, "some alerts needed a redelivery after the in-place retries");
    }

    [Fact]
    public async Task DeliverAsync_BudgetSpent_AlertWaitsForTheHourlyDigest_PostedThereOnce()
    {
        var first = await PublishAsync(ChannelTestAlerts.Create(ruleId: "storm", sourceId: "a"));
        var second = await PublishAsync(ChannelTestAlerts.Create(ruleId: "storm", sourceId: "b"));

        await Delivery.DeliverAsync(first, "m1", CancellationToken.None);
        var held = await Delivery.DeliverAsync(second, "m2", CancellationToken.None);
        await Delivery.DeliverAsync(second, "m2", CancellationToken.None);

        Assert.Equal(RecipientOutcome.Held, Assert.Single(held.Recipients).Outcome);
        Assert.Equal([first.AlertId], _receiver.AcceptedAt("/budget").Select(p => p.Id));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await Digests.SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal(0, (await Digests.SendDueAsync(CancellationToken.None)).Sent);

        var posts = _receiver.AcceptedAt("/budget");
        Assert.Equal(2, posts.Count);
        var digest = JsonNode.Parse(posts[1].Body)!;
        Assert.True(posts[1].SignatureValid);
        Assert.Equal("digest", (string?)digest["type"]);
        Assert.Equal(1, (int?)digest["held"]);
        Assert.Equal(second.AlertId, (string?)Assert.Single(digest["alerts"]!.AsArray())!["id"]);
        Assert.Empty(_smtp.Received); // this subscriber has no email channel
    }

    [Fact]
    public async Task SendDueAsync_DailySubscriberWithChannels_OneDigestPerChannelAtItsTime_NoneTwice()
    {
        var quake = await PublishAsync(ChannelTestAlerts.Create(ruleId: "quake", sourceId: "a", title: "Quake <hits> & shakes"));
        await PublishAsync(ChannelTestAlerts.Create(ruleId: "quake", sourceId: "b"));
        foreach (var message in new[] { quake })
        {
            Assert.Equal(RecipientOutcome.QueuedForDigest, Assert.Single((await Delivery.DeliverAsync(message, "m1", CancellationToken.None)).Recipients).Outcome);
        }

        await Delivery.DeliverAsync(await LastPublishedAsync(), "m2", CancellationToken.None);
        Assert.Empty(_receiver.AcceptedAt("/daily"));

        _receiver.FailNext(1, 500); // the first post of the digest fails once; the pipeline retries it
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await Digests.SendDueAsync(CancellationToken.None)).Sent);
        Assert.Equal(0, (await Digests.SendDueAsync(CancellationToken.None)).Sent);

        var hook = Assert.Single(_receiver.AcceptedAt("/daily"));
        Assert.True(hook.SignatureValid);
        Assert.Equal(2, JsonNode.Parse(hook.Body)!["alerts"]!.AsArray().Count);
        var slack = Assert.Single(_receiver.AcceptedAt("/daily-slack"));
        Assert.Equal("digest", slack.Kind);
        var sections = JsonNode.Parse(slack.Body)!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "section").Select(b => (string)b!["text"]!["text"]!).ToList();
        Assert.Equal(2, sections.Count);
        Assert.Contains(sections, s => s.Contains("Quake &lt;hits&gt; &amp; shakes", StringComparison.Ordinal));
        Assert.Equal(hook.Id, slack.Id);
    }

    [Fact]
    public async Task DeliverAsync_PrivateNetworksNotAllowed_PostRefusedForGood_NothingReachesTheReceiver()
    {
        await using var guarded = Services(allowPrivate: false);
        var message = await PublishAsync(ChannelTestAlerts.Create(), guarded);

        var result = await guarded.GetRequiredService<AlertDeliveryService>().DeliverAsync(message, "m1", CancellationToken.None);

        Assert.Equal(0, _receiver.Requests);
        Assert.Equal(1, result.Sent); // the email
        Assert.All(result.Recipients.Where(r => r.Channel != "email"), r =>
        {
            Assert.Equal(RecipientOutcome.Failed, r.Outcome);
            Assert.Contains("loopback", r.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendAsync_ReceiverRedirects_NotFollowed_RefusedForGood()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/moved", LoopbackResponses.Redirect("/target"));
        server.Map("/target", LoopbackResponses.Status(200));
        var sender = _services.GetRequiredService<ChannelSender>();

        var result = await sender.SendAsync(
            new ChannelSettings(ChannelType.Webhook, server.Url("/moved"), null), ChannelContent.ForAlert(ChannelTestAlerts.Create(), TimeZoneInfo.Utc), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal(0, server.RequestCount("/target"));
        Assert.Equal(1, server.RequestCount("/moved"));
    }

    [Fact]
    public async Task SendAsync_SecretSettingUnset_ThrowsConfigException_NothingPosted()
    {
        var sender = _services.GetRequiredService<ChannelSender>();

        var ex = await Assert.ThrowsAsync<ConfigException>(() => sender.SendAsync(
            new ChannelSettings(ChannelType.Webhook, _receiver.Url("/hook"), "NEWSWATCH_NO_SUCH_SECRET"), ChannelContent.ForAlert(ChannelTestAlerts.Create(), TimeZoneInfo.Utc), CancellationToken.None));

        Assert.Contains("NEWSWATCH_NO_SUCH_SECRET", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _receiver.Requests);
    }

    private AlertDeliveryService Delivery => _services.GetRequiredService<AlertDeliveryService>();

    private DigestService Digests => _services.GetRequiredService<DigestService>();

    private DeliveryLedger Ledger => _services.GetRequiredService<DeliveryLedger>();

    private Alert? _last;

    private Task<AlertMessage> LastPublishedAsync() => Task.FromResult(MessageOf(_last!));

    private ServiceProvider Services(bool allowPrivate)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, allowPrivate ? "data" : "data-guarded"),
            ["NEWSWATCH_CONFIG"] = _configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "0",
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = allowPrivate ? "true" : "false",
            ["NEWSWATCH_CHANNEL_RETRIES"] = "2",
            ["NEWSWATCH_CHANNEL_RETRY_DELAY"] = "00:00:00",
            ["NEWSWATCH_WEBHOOK_SECRET"] = Secret,
        }).Build();
        return new ServiceCollection().AddSingleton<TimeProvider>(_time).AddNewsWatchCore(settings).BuildServiceProvider();
    }

    private async Task<AlertMessage> PublishAsync(Alert alert, IServiceProvider? services = null)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        alert = alert with { DetectedAt = _time.GetUtcNow() };
        await (services ?? _services).GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        _last = alert;
        return MessageOf(alert);
    }

    private static AlertMessage MessageOf(Alert alert) =>
        new(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title);
}

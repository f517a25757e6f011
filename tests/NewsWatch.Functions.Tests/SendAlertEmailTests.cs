using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

[Collection(FunctionsAzuriteCollection.Name)]
public sealed class SendAlertEmailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Published = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Detected = new(2026, 11, 25, 9, 41, 12, TimeSpan.Zero);
    private readonly AzuriteFixture _azurite;
    private FunctionsTestHost _host = null!;

    public SendAlertEmailTests(AzuriteFixture azurite) => _azurite = azurite;

    public async Task InitializeAsync()
    {
        _host = await FunctionsTestHost.StartAsync(_azurite);
        var queue = _host.Queue(StorageNames.AlertsQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Run_PublishedAlerts_SendOneEmailPerAlertAndSubscriber()
    {
        await PublishAsync(NewAlert("ceasefire"));
        await PublishAsync(NewAlert("troops"));
        var messages = await TakeQueuedAsync();
        Assert.Equal(2, messages.Count);

        foreach (var message in messages)
        {
            await RunAsync(message);
        }

        Assert.Equal(2, _host.Smtp.MessagesFor(FunctionsTestHost.Everything).Count);
        var ceasefire = Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        Assert.Contains("\"ceasefire\"", ceasefire.Subject, StringComparison.Ordinal);
        Assert.Equal(3, _host.Smtp.Received.Count);
        Assert.All(_host.Smtp.Received, r => Assert.Single(r.Recipients));
        Assert.All(_host.Smtp.Received, r => Assert.Equal("newswatch@example.org", r.From));
    }

    [Fact]
    public async Task Run_RedeliveredMessage_SendsNothingMore()
    {
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync());
        await RunAsync(message);

        await RunAsync(message, dequeueCount: 2);

        Assert.Equal(2, _host.Smtp.Received.Count);
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(message.AlertId, FunctionsTestHost.Everything))?.State);
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(message.AlertId, "CEASEFIRE@example.org"))?.State);
    }

    [Fact]
    public async Task Run_RecipientLeftAtSending_IsSentAgain_SentOneIsNot()
    {
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync());
        var ledger = _host.Services.GetRequiredService<DeliveryLedger>();
        await ledger.MarkSendingAsync(message.AlertId, FunctionsTestHost.CeasefireOnly, CancellationToken.None); // a crash after the send
        await ledger.MarkSentAsync(message.AlertId, FunctionsTestHost.Everything, CancellationToken.None);

        await RunAsync(message, dequeueCount: 2);

        Assert.Single(_host.Smtp.Received);
        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(message.AlertId, FunctionsTestHost.CeasefireOnly))?.State);
    }

    [Fact]
    public async Task Run_RecipientRefusedForGood_IsRecordedFailed_OtherStillGetsIt()
    {
        _host.Smtp.RejectRecipient(FunctionsTestHost.CeasefireOnly);
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync());

        await RunAsync(message);

        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.Everything));
        Assert.Empty(_host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        var failed = await LedgerAsync(message.AlertId, FunctionsTestHost.CeasefireOnly);
        Assert.Equal(DeliveryState.Failed, failed?.State);
        Assert.Contains("550", failed!.Reason, StringComparison.Ordinal);
        var error = Assert.Single(_host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(error.StructuredState!, p => p.Key == "AlertId" && p.Value == message.AlertId);
        Assert.Contains(error.StructuredState!, p => p.Key == "RuleId" && p.Value == "ceasefire");

        await RunAsync(message, dequeueCount: 2); // nothing is tried again
        Assert.Single(_host.Smtp.Received);
        Assert.Equal(2, _host.Smtp.Transactions);
    }

    [Fact]
    public async Task Run_TransientSmtpFailure_IsRetriedThenSucceeds()
    {
        _host.Smtp.FailNextTransactions(2, 451);
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync());

        await RunAsync(message);

        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.Everything));
        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        Assert.Equal(4, _host.Smtp.Transactions);
    }

    [Fact]
    public async Task Run_MailServerUnreachable_PutsADelayedCopyBackOwnedByTheFirstMessage_NoTrySpent()
    {
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync());
        _host.Smtp.RejectRecipient(FunctionsTestHost.CeasefireOnly);
        _host.Smtp.FailNextTransactions(1000, 421); // 421 service not available, to every MAIL FROM

        // Even on what would be the last try: returns (the host deletes the message), nothing goes to alerts-poison.
        await RunAsync(message, dequeueCount: SendAlertEmail.MaxDequeueCount, messageId: "first-message");

        Assert.DoesNotContain(_host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains(_host.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("no try spent", StringComparison.Ordinal));
        Assert.Empty(await TakeQueuedAsync()); // the copy is not visible yet
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var copy = Assert.Single(await TakeQueuedAsync());
        Assert.Equal(message with { Owner = "first-message", OutageSince = copy.OutageSince, Deferrals = 1 }, copy);
        Assert.NotNull(copy.OutageSince);
        var sending = await LedgerAsync(message.AlertId, FunctionsTestHost.Everything);
        Assert.Equal(DeliveryState.Sending, sending?.State);

        // Down again: the next copy keeps the outage's start and owner, and waits longer.
        await RunAsync(copy, dequeueCount: 1, messageId: "second-message");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var second = Assert.Single(await TakeQueuedAsync());
        Assert.Equal(copy with { Deferrals = 2 }, second);

        // The server is back: the copy, a new queue message, resends what the first message left at 'sending' (its
        // owner), where a stranger's message would see a send in flight elsewhere and wait ten minutes.
        _host.Smtp.FailNextTransactions(0);
        await RunAsync(second, dequeueCount: 1, messageId: "third-message");

        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.Everything));
        Assert.Empty(_host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        Assert.Equal(DeliveryState.Sent, (await LedgerAsync(message.AlertId, FunctionsTestHost.Everything))?.State);
        Assert.Equal(DeliveryState.Failed, (await LedgerAsync(message.AlertId, FunctionsTestHost.CeasefireOnly))?.State);
        Assert.Empty(await TakeQueuedAsync());
    }

    [Fact]
    public async Task Run_MailServerUnreachableLongerThanTheLimit_Throws_LastTryLogsPoison_RedeliverySendsOnlyWhatIsLeft()
    {
        await PublishAsync(NewAlert("ceasefire"));
        var message = Assert.Single(await TakeQueuedAsync()) with { OutageSince = DateTimeOffset.UtcNow - TimeSpan.FromHours(25), Deferrals = 60 };
        _host.Smtp.RejectRecipient(FunctionsTestHost.CeasefireOnly);
        _host.Smtp.FailNextTransactions(1000, 421);

        var ex = await Assert.ThrowsAsync<AlertDeliveryException>(() => RunAsync(message, dequeueCount: 1, messageId: "first-message"));
        Assert.Equal(2, ex.Result!.ToRetry);
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("alerts-poison", StringComparison.Ordinal));

        await Assert.ThrowsAsync<AlertDeliveryException>(() => RunAsync(message, dequeueCount: SendAlertEmail.MaxDequeueCount, messageId: "first-message"));
        var poison = Assert.Single(_host.Logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("alerts-poison", StringComparison.Ordinal));
        Assert.Contains(poison.StructuredState!, p => p.Key == "AlertId" && p.Value == message.AlertId);
        Assert.Equal(DeliveryState.Sending, (await LedgerAsync(message.AlertId, FunctionsTestHost.Everything))?.State);

        _host.Smtp.FailNextTransactions(0);
        await RunAsync(message, dequeueCount: 3, messageId: "first-message");
        Assert.Empty(await TakeQueuedAsync()); // no copy was put back past the limit
        Assert.Single(_host.Smtp.MessagesFor(FunctionsTestHost.Everything));
        Assert.Equal(DeliveryState.Failed, (await LedgerAsync(message.AlertId, FunctionsTestHost.CeasefireOnly))?.State);
    }

    [Fact]
    public async Task Run_MissingAlertBlob_ThrowsWithAClearReason()
    {
        var message = new AlertMessage("0000000000000000", "2026/11/25/0000000000000000.json", "ceasefire", "https://news.example.org/x", "x");

        var ex = await Assert.ThrowsAsync<AlertNotFoundException>(() => RunAsync(message));

        Assert.Contains("2026/11/25/0000000000000000.json", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Smtp.Received);
    }

    [Fact]
    public async Task QueueMessageWrittenByCore_BindsToTheTriggerParameter()
    {
        var alert = NewAlert("ceasefire", title: "Talks \"resume\" — ünïcode");
        await PublishAsync(alert);

        var raw = Assert.Single((await _host.RawQueue(StorageNames.AlertsQueue).PeekMessagesAsync(32)).Value);
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())); // Base64 on the wire
        Assert.Contains("\"alertId\":", json, StringComparison.Ordinal);                             // camelCase names

        var bound = FunctionsTestHost.Bind<AlertMessage>(json);

        Assert.Equal(new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), "ceasefire", alert.ArticleUrl, alert.Title), bound);
    }

    [Fact]
    public async Task Run_ScriptAndNewlinesInTitle_ArriveEscapedAtTheSmtpServer()
    {
        await PublishAsync(NewAlert("ceasefire", title: "<script>alert(1)</script>\r\nBcc: victim@example.org"));
        var message = Assert.Single(await TakeQueuedAsync());

        await RunAsync(message);

        Assert.Equal(2, _host.Smtp.Received.Count);
        Assert.All(_host.Smtp.Received, r => Assert.Single(r.Recipients));
        var received = _host.Smtp.MessagesFor(FunctionsTestHost.Everything).Single();
        Assert.Empty(received.Bcc);
        Assert.DoesNotContain('\n', received.Subject!);
        Assert.DoesNotContain('\r', received.Subject!);
        Assert.DoesNotContain("<script>", received.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", received.HtmlBody, StringComparison.Ordinal);
        var raw = _host.Smtp.Received.First(r => r.Recipients.Contains(FunctionsTestHost.Everything)).Raw.ReplaceLineEndings("\n");
        Assert.DoesNotContain("\nBcc:", raw[..raw.IndexOf("\n\n", StringComparison.Ordinal)], StringComparison.OrdinalIgnoreCase);
    }

    private Task RunAsync(AlertMessage message, long dequeueCount = 1, string? messageId = null) =>
        _host.Function<SendAlertEmail>().RunAsync(message, TestFunctionContext.ForQueue(_host.Services, dequeueCount, messageId), CancellationToken.None);

    private Task PublishAsync(Alert alert) =>
        _host.Services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);

    private Task<DeliveryRecord?> LedgerAsync(string alertId, string recipient) =>
        _host.Services.GetRequiredService<DeliveryLedger>().GetAsync(alertId, recipient, CancellationToken.None);

    /// <summary>Takes every message off queue <c>alerts</c>, bound as the trigger binds them.</summary>
    private async Task<List<AlertMessage>> TakeQueuedAsync()
    {
        var queue = _host.Queue(StorageNames.AlertsQueue);
        var result = new List<AlertMessage>();
        foreach (var m in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            result.Add(FunctionsTestHost.Bind<AlertMessage>(m.Body.ToString()));
            await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }

        return result;
    }

    private static Alert NewAlert(string ruleId, string? title = null)
    {
        var url = new Uri($"https://news.example.org/world/2026/11/25/{Guid.NewGuid():N}");
        return new Alert(
            AlertIds.Compute(ruleId, url), Alert.CurrentSchemaVersion, ruleId, ruleId, "example-world", url.AbsoluteUri,
            title ?? "Talks resume as allies weigh their options", Published, Detected, "en",
            [new TermMatch(ruleId, "body", 1)],
            [new Snippet("body", $"Officials said a {ruleId} could be agreed within days.", [new Highlight(17, ruleId.Length)])]);
    }
}

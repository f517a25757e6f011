using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;

namespace NewsWatch.Functions;

/// <summary>
/// One message of queue <c>alerts</c>: emails the alert to its subscribers. A failure throws, so the host retries the
/// message and, after host.json's <c>maxDequeueCount</c>, moves it to <c>alerts-poison</c>; the last attempt logs why.
/// An unreachable receiver (the mail server, a webhook) is an outage, not a failed try: the function puts a copy of the
/// message back on the queue with a growing delay (<see cref="DeliveryOutage"/>), owned by the first message, and
/// returns, so the host deletes this one without counting a try; after <see cref="OutageOptions.Limit"/> the tries
/// count again.
/// </summary>
public sealed partial class SendAlertEmail
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> (a test keeps the two equal).</summary>
    public const int MaxDequeueCount = AlertQueueDrainer.DefaultMaxDequeueCount;

    private readonly AlertDeliveryService _delivery;
    private readonly ILogger<SendAlertEmail> _logger;
    private readonly IAlertQueue _queue;
    private readonly IOptions<OutageOptions> _outage;
    private readonly TimeProvider _time;

    public SendAlertEmail(AlertDeliveryService delivery, ILogger<SendAlertEmail> logger, IAlertQueue queue, IOptions<OutageOptions> outage, TimeProvider time)
    {
        _delivery = delivery;
        _logger = logger;
        _queue = queue;
        _outage = outage;
        _time = time;
    }

    [Function(nameof(SendAlertEmail))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.AlertsQueue)] AlertMessage message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var messageId = QueueTriggerMetadata.MessageId(context);
        try
        {
            var result = await _delivery.DeliverAsync(message, messageId, cancellationToken).ConfigureAwait(false);
            LogDelivered(_logger, result.AlertId, result.RuleId, message.ArticleUrl, result.Sent, result.Skipped, result.Failed);
        }
        catch (AlertDeliveryException ex) when (ex.Outage && !string.IsNullOrEmpty(messageId) &&
                                                DeliveryOutage.Defer(message, messageId, _time.GetUtcNow(), _outage.Value, ex.RetryAfter) is { } deferral)
        {
            // The copy first, then success: a crash between the two leaves both messages (one owner, so the ledger
            // still sends once unless the two run at the same moment), never neither.
            await _queue.EnqueueAsync(deferral.Message, deferral.Delay, cancellationToken).ConfigureAwait(false);
            LogDeferred(_logger, message.AlertId, message.RuleId, message.ArticleUrl, deferral.Delay, deferral.Message.OutageSince!.Value, deferral.Message.Deferrals, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex) when (LogIfLastAttempt(message, QueueTriggerMetadata.DequeueCount(context), ex))
        {
            throw; // Never reached: the filter logs and returns false, so the exception goes to the host untouched.
        }
    }

    private bool LogIfLastAttempt(AlertMessage message, long? dequeueCount, Exception exception)
    {
        if (dequeueCount >= MaxDequeueCount)
        {
            LogPoisoning(_logger, exception, message.AlertId, message.RuleId, message.ArticleUrl, dequeueCount.Value, exception.Message);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) delivered: {EmailsSent} sent, {Skipped} skipped, {Failed} refused")]
    private static partial void LogDelivered(ILogger logger, string alertId, string ruleId, string articleUrl, int emailsSent, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}): the receiver cannot be reached (since {OutageSince}); a copy waits {Delay} on the queue (deferral {Deferrals}), no try spent: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string alertId, string ruleId, string articleUrl, TimeSpan delay, DateTimeOffset outageSince, int deferrals, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) failed on try {DequeueCount}, the last: the host moves the message to alerts-poison. Reason: {Reason}")]
    private static partial void LogPoisoning(ILogger logger, Exception exception, string alertId, string ruleId, string articleUrl, long dequeueCount, string reason);
}

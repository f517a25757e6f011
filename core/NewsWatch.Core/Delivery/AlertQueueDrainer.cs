using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Delivers what is on queue <c>alerts</c> until it is empty: what <c>newswatch deliver</c> runs (the function app uses
/// the queue trigger instead). A message that fails stays on the queue (it becomes visible again; the folder queue
/// offers it to the next drain) until it has been received <c>maxDequeueCount</c> times, then it goes to the poison
/// queue with the reason. A message that can never succeed (unparsable body, missing alert blob) goes there at once.
/// An unreachable receiver (the mail server, a webhook) spends no try: the message is deferred
/// (<see cref="DeliveryOutage"/>). When the mail server is the one down, every alert would fail on it: the rest of the
/// batch is deferred untried and the drain stops; the next drain tries again.
/// </summary>
public sealed partial class AlertQueueDrainer
{
    /// <summary>The Functions host's default, and host.json's value.</summary>
    public const int DefaultMaxDequeueCount = 5;

    /// <summary>How long a received message stays invisible to other consumers while it is delivered.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);

    private const int BatchSize = 16;
    private readonly IAlertQueue _queue;
    private readonly AlertDeliveryService _delivery;
    private readonly ILogger<AlertQueueDrainer> _logger;
    private readonly IOptions<OutageOptions> _outage;
    private readonly TimeProvider _time;

    public AlertQueueDrainer(IAlertQueue queue, AlertDeliveryService delivery, ILogger<AlertQueueDrainer> logger, IOptions<OutageOptions> outage, TimeProvider time)
    {
        _queue = queue;
        _delivery = delivery;
        _logger = logger;
        _outage = outage;
        _time = time;
    }

    /// <summary>Drains the queue; returns the counts. Each message is tried at most once per drain.</summary>
    public async Task<DrainResult> DrainAsync(int maxDequeueCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDequeueCount, 1);
        int delivered = 0, sent = 0, failed = 0, poisoned = 0, left = 0, deferred = 0;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var mailServerDown = false;
        var untried = 0;
        while (!mailServerDown)
        {
            var batch = await _queue.ReceiveAsync(BatchSize, VisibilityTimeout, cancellationToken).ConfigureAwait(false);
            var fresh = batch.Where(m => tried.Add(m.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                // Empty, or only messages this drain already failed on (the folder queue has no visibility timeout).
                break;
            }

            foreach (var queued in fresh)
            {
                if (mailServerDown && queued.Message is { } waitingMessage &&
                    DeliveryOutage.Defer(waitingMessage, queued.MessageId, _time.GetUtcNow(), _outage.Value) is var (waiting, wait))
                {
                    // The mail server is everyone's: received in this batch, not tried, no try spent.
                    await _queue.DeferAsync(queued, waiting with { Deferrals = waitingMessage.Deferrals }, wait, cancellationToken).ConfigureAwait(false);
                    deferred++;
                    untried++;
                    continue;
                }

                if (queued.Message is not { } message)
                {
                    await PoisonAsync(queued, "The message body is not an alert message (JSON with alertId and blobName).", cancellationToken).ConfigureAwait(false);
                    poisoned++;
                    continue;
                }

                try
                {
                    var result = await _delivery.DeliverAsync(message, queued.MessageId, cancellationToken).ConfigureAwait(false);
                    await _queue.CompleteAsync(queued, cancellationToken).ConfigureAwait(false);
                    delivered++;
                    sent += result.Sent;
                    failed += result.Failed;
                }
                catch (AlertDeliveryException ex) when (ex.Outage &&
                                                        DeliveryOutage.Defer(message, queued.MessageId, _time.GetUtcNow(), _outage.Value, ex.RetryAfter) is { } deferral)
                {
                    sent += ex.Result?.Sent ?? 0;
                    failed += ex.Result?.Failed ?? 0;
                    LogReceiverDown(_logger, message.AlertId, message.RuleId, deferral.Delay, deferral.Message.OutageSince!.Value, ex.InnerException?.Message ?? ex.Message);
                    await _queue.DeferAsync(queued, deferral.Message, deferral.Delay, cancellationToken).ConfigureAwait(false);
                    deferred++;
                    mailServerDown |= ex.MailServerUnreachable;
                }
                catch (AlertNotFoundException ex)
                {
                    await PoisonAsync(queued, ex.Message, cancellationToken).ConfigureAwait(false);
                    poisoned++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && StorageFaults.IsOutage(ex))
                {
                    // Storage is down: no other message would fare better, and counting a try against each would poison
                    // them. The drain stops; the caller waits for storage (the message reappears after its visibility
                    // timeout, or at once in the local folder).
                    LogStorageDown(_logger, ex, message.AlertId, message.RuleId);
                    throw;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The drain is a host boundary like the queue trigger: one message's failure is counted and retried
                    // later, and does not stop the others.
                    if (ex is AlertDeliveryException { Result: { } partial })
                    {
                        sent += partial.Sent;
                        failed += partial.Failed;
                    }

                    if (queued.DequeueCount >= maxDequeueCount)
                    {
                        await PoisonAsync(queued, $"Failed {queued.DequeueCount} times; last error: {ex.Message}", cancellationToken).ConfigureAwait(false);
                        poisoned++;
                    }
                    else
                    {
                        LogLeft(_logger, ex, message.AlertId, message.RuleId, queued.DequeueCount, maxDequeueCount);
                        left++;
                    }
                }
            }
        }

        if (mailServerDown)
        {
            LogDrainStops(_logger, untried);
        }

        return new DrainResult(delivered, sent, failed, poisoned, left, deferred);
    }

    private async Task PoisonAsync(QueuedAlertMessage queued, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(_logger, queued.Message?.AlertId ?? "(unknown)", queued.Message?.RuleId ?? "(unknown)", queued.MessageId, reason);
        await _queue.PoisonAsync(queued, reason, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId}: the receiver cannot be reached (since {OutageSince}); the alert waits {Delay} on the queue, no try spent: {Reason}")]
    private static partial void LogReceiverDown(ILogger logger, string alertId, string ruleId, TimeSpan delay, DateTimeOffset outageSince, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server cannot be reached: {Count} more alert message(s) of this batch wait on the queue untried, and the drain stops")]
    private static partial void LogDrainStops(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId}: storage failed during delivery; the drain stops until storage is back")]
    private static partial void LogStorageDown(ILogger logger, Exception exception, string alertId, string ruleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} of rule {RuleId}: message {MessageId} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string alertId, string ruleId, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} of rule {RuleId}: delivery failed (try {DequeueCount} of {MaxDequeueCount}); the message stays on the queue")]
    private static partial void LogLeft(ILogger logger, Exception exception, string alertId, string ruleId, long dequeueCount, int maxDequeueCount);
}

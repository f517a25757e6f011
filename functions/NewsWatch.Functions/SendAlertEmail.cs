using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;

namespace NewsWatch.Functions;

/// <summary>
/// One message of queue <c>alerts</c>: emails the alert to its subscribers. A failure throws, so the host retries the
/// message and, after host.json's <c>maxDequeueCount</c>, moves it to <c>alerts-poison</c>; the last attempt logs why.
/// </summary>
public sealed partial class SendAlertEmail
{
    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c> (a test keeps the two equal).</summary>
    public const int MaxDequeueCount = AlertQueueDrainer.DefaultMaxDequeueCount;

    private readonly AlertDeliveryService _delivery;
    private readonly ILogger<SendAlertEmail> _logger;

    public SendAlertEmail(AlertDeliveryService delivery, ILogger<SendAlertEmail> logger)
    {
        _delivery = delivery;
        _logger = logger;
    }

    [Function(nameof(SendAlertEmail))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.AlertsQueue)] AlertMessage message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await _delivery.DeliverAsync(message, QueueTriggerMetadata.MessageId(context), cancellationToken).ConfigureAwait(false);
            LogDelivered(_logger, result.AlertId, result.RuleId, message.ArticleUrl, result.Sent, result.Skipped, result.Failed);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} of rule {RuleId} ({ArticleUrl}) failed on try {DequeueCount}, the last: the host moves the message to alerts-poison. Reason: {Reason}")]
    private static partial void LogPoisoning(ILogger logger, Exception exception, string alertId, string ruleId, string articleUrl, long dequeueCount, string reason);
}

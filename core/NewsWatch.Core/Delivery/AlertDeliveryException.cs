namespace NewsWatch.Core.Delivery;

/// <summary>
/// Some recipients of an alert could not be served now (a transient SMTP failure after the retries, or a
/// misconfiguration); the others were. Thrown so that the queue delivers the message again; the ledger makes the next
/// try send only to those not yet sent or refused.
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(AlertDeliveryResult result, Exception inner)
        : this(result, inner, mailServerUnreachable: false)
    {
    }

    /// <summary>As above; <paramref name="mailServerUnreachable"/>: every recipient left to retry waits for the mail server.</summary>
    public AlertDeliveryException(AlertDeliveryResult result, Exception inner, bool mailServerUnreachable)
        : base(MessageOf(result), inner)
    {
        Result = result;
        MailServerUnreachable = mailServerUnreachable;
    }

    /// <summary>
    /// True when each recipient left to retry failed by email because the mail server could not be reached
    /// (<see cref="MailOutage.IsServerUnreachable"/>): an outage, which does not spend the message's tries.
    /// </summary>
    public bool MailServerUnreachable { get; }

    /// <summary>The outcome per recipient, those to retry included.</summary>
    public AlertDeliveryResult? Result { get; }

    private static string MessageOf(AlertDeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var retry = result.Recipients.Where(r => r.Outcome == RecipientOutcome.Retry).ToList();
        return $"Alert {result.AlertId}: {retry.Count} of {result.Recipients.Count} recipient(s) must be retried " +
               $"({result.Sent} sent, {result.Skipped} skipped, {result.Failed} refused): " +
               string.Join("; ", retry.Select(r => r.Reason));
    }
}

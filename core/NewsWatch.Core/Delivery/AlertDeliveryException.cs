namespace NewsWatch.Core.Delivery;

/// <summary>
/// Some recipients of an alert could not be served now (a transient SMTP failure after the retries, or a
/// misconfiguration); the others were. Thrown so that the queue delivers the message again; the ledger makes the next
/// try send only to those not yet sent or refused.
/// </summary>
public sealed class AlertDeliveryException : Exception
{
    public AlertDeliveryException(AlertDeliveryResult result, Exception inner)
        : this(result, inner, outage: false, mailServerUnreachable: false)
    {
    }

    /// <summary>
    /// As above; <paramref name="outage"/>: every channel left to retry waits for a receiver that could not be reached;
    /// <paramref name="mailServerUnreachable"/>: the mail server was one of them.
    /// </summary>
    public AlertDeliveryException(AlertDeliveryResult result, Exception inner, bool outage, bool mailServerUnreachable)
        : base(MessageOf(result), inner)
    {
        Result = result;
        Outage = outage;
        MailServerUnreachable = mailServerUnreachable;
    }

    /// <summary>
    /// True when an email of this alert failed because the mail server could not be reached: every alert's email
    /// would, so a drain stops there. (A webhook receiver that is down is one subscriber's.)
    /// </summary>
    public bool MailServerUnreachable { get; }

    /// <summary>The longest pause a receiver left to retry asked for (<c>Retry-After</c>), if any did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// True when each channel left to retry failed because its receiver could not be reached
    /// (<see cref="DeliveryOutage.IsReceiverUnreachable"/>): an outage, which does not spend the message's tries.
    /// </summary>
    public bool Outage { get; }

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

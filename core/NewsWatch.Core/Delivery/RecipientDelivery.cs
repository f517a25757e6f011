namespace NewsWatch.Core.Delivery;

/// <summary>One recipient's part of a delivery (one entry per channel when the message went out now).</summary>
/// <param name="Recipient">The subscriber's email address.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why it failed or must be retried, or null.</param>
public sealed record RecipientDelivery(string Recipient, RecipientOutcome Outcome, string? Reason)
{
    /// <summary>
    /// The channel: <c>email</c>, or a channel's ledger key (<c>webhook:…</c>, <c>teams:…</c>, <c>slack:…</c>); null when the
    /// outcome is the subscriber's as a whole (opted out, queued for a digest, folded, held, skipped by the ledger).
    /// </summary>
    public string? Channel { get; init; }
}

namespace NewsWatch.Core.Delivery;

/// <summary>One recipient's part of a delivery.</summary>
/// <param name="Recipient">The subscriber's email address.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why it failed or must be retried, or null.</param>
public sealed record RecipientDelivery(string Recipient, RecipientOutcome Outcome, string? Reason);

namespace NewsWatch.Core.Delivery;

/// <summary>What <see cref="AlertDeliveryService.DeliverAsync"/> did for one alert message, per recipient.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="RuleId">Its rule.</param>
/// <param name="Recipients">Every subscriber who wants the rule, with the outcome.</param>
public sealed record AlertDeliveryResult(string AlertId, string RuleId, IReadOnlyList<RecipientDelivery> Recipients)
{
    /// <summary>Emails sent by this delivery.</summary>
    public int Sent => Count(RecipientOutcome.Sent);

    /// <summary>Recipients skipped because the ledger says sent or failed already.</summary>
    public int Skipped => Count(RecipientOutcome.SkippedAlreadySent) + Count(RecipientOutcome.SkippedAlreadyFailed) + Count(RecipientOutcome.SkippedInFlight) + Count(RecipientOutcome.SkippedOptedOut);

    /// <summary>Recipients refused for good by this delivery.</summary>
    public int Failed => Count(RecipientOutcome.Failed);

    /// <summary>Recipients to retry (the delivery threw <see cref="AlertDeliveryException"/> with this result).</summary>
    public int ToRetry => Count(RecipientOutcome.Retry);

    private int Count(RecipientOutcome outcome) => Recipients.Count(r => r.Outcome == outcome);
}

namespace NewsWatch.Core.Delivery;

/// <summary>What <see cref="DeliveryLedger.TryClaimAsync"/> found: whether this attempt may send.</summary>
public enum DeliveryClaim
{
    /// <summary>This attempt moved the record to <c>sending</c> (fresh, its own earlier try, or a stale one): it sends.</summary>
    Claimed,

    /// <summary>The record says <c>sent</c>: nothing to do.</summary>
    AlreadySent,

    /// <summary>The record says <c>failed</c>: nothing to do.</summary>
    AlreadyFailed,

    /// <summary>Another attempt (a duplicate message on another instance) is sending right now: this one must not.</summary>
    InFlightElsewhere,
}

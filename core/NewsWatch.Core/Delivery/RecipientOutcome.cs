namespace NewsWatch.Core.Delivery;

/// <summary>What one delivery did for one recipient.</summary>
public enum RecipientOutcome
{
    /// <summary>The email was sent now.</summary>
    Sent,

    /// <summary>The ledger says it was sent before: nothing was sent.</summary>
    SkippedAlreadySent,

    /// <summary>The ledger says the recipient was refused for good before: nothing was sent.</summary>
    SkippedAlreadyFailed,

    /// <summary>Another attempt (a duplicate message) is sending it right now: nothing was sent by this one.</summary>
    SkippedInFlight,

    /// <summary>The recipient unsubscribed: nothing was sent.</summary>
    SkippedOptedOut,

    /// <summary>The subscriber takes digests: the alert waits in the digest inbox.</summary>
    QueuedForDigest,

    /// <summary>The alert joins a story the subscriber got within 48 hours: "also reported by" in the next digest.</summary>
    FoldedIntoStory,

    /// <summary>Quiet hours or the hourly budget held the alert back for the next digest.</summary>
    Held,

    /// <summary>The server refused the recipient for good now; recorded as failed.</summary>
    Failed,

    /// <summary>A transient failure (or a misconfiguration) after the retries: the delivery throws, the queue retries it.</summary>
    Retry,
}

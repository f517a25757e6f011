namespace NewsWatch.Core.Delivery;

/// <summary>An alert waiting in a subscriber's digest inbox.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="BlobName">Where its blob is.</param>
/// <param name="RuleId">Its rule.</param>
/// <param name="At">When it was put in the inbox (UTC).</param>
/// <param name="Held">True when an instant subscriber's budget or quiet hours held it back.</param>
public sealed record DigestItem(string AlertId, string BlobName, string RuleId, DateTimeOffset At, bool Held);

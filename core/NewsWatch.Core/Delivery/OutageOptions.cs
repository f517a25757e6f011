using Microsoft.Extensions.Configuration;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// How an alert waits for a receiver that cannot be reached (the mail server, or a webhook, Teams or Slack receiver):
/// flat settings, checked at start. See <see cref="DeliveryOutage"/>.
/// </summary>
public sealed class OutageOptions
{
    /// <summary>
    /// <c>NEWSWATCH_OUTAGE_DELAY</c>: how long an alert goes back on the queue when its receiver cannot be reached,
    /// doubling per deferral up to <see cref="MaxDelay"/>, instead of spending one of the message's tries. Default 1 minute.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_OUTAGE_DELAY")]
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <c>NEWSWATCH_OUTAGE_MAX_DELAY</c>: the longest wait between two tries of a deferred alert (a first delay set longer
    /// is kept). Default 15 minutes: a receiver back after an outage has the waiting alerts within a quarter of an hour.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_OUTAGE_MAX_DELAY")]
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>NEWSWATCH_OUTAGE_LIMIT</c>: how long an alert waits for an unreachable receiver before its tries count again
    /// (and it ends in the poison queue after the last). Default 24 hours.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_OUTAGE_LIMIT")]
    [TimeSpanRange("00:01:00", "7.00:00:00")]
    public TimeSpan Limit { get; set; } = TimeSpan.FromHours(24);
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// How webhook, Teams and Slack posts are retried, from flat settings (no section), checked at start. Email has its own
/// (<see cref="SmtpOptions"/>).
/// </summary>
public sealed class ChannelOptions
{
    /// <summary><c>NEWSWATCH_CHANNEL_RETRIES</c>: retries of a post after 5xx, 429 or a network error, before the queue's own retry. Default 3.</summary>
    [ConfigurationKeyName("NEWSWATCH_CHANNEL_RETRIES")]
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary><c>NEWSWATCH_CHANNEL_RETRY_DELAY</c>: the first retry's delay (exponential with jitter after it) when the receiver sends no <c>Retry-After</c>. Default 1 second.</summary>
    [ConfigurationKeyName("NEWSWATCH_CHANNEL_RETRY_DELAY")]
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>NEWSWATCH_CHANNEL_MAX_RETRY_AFTER</c>: the longest <c>Retry-After</c> honoured in place; a receiver asking for
    /// more is left for the queue's next try. Default 60 seconds.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_CHANNEL_MAX_RETRY_AFTER")]
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>NEWSWATCH_CHANNEL_TIMEOUT</c>: the timeout of one attempt (connect, send, answer). Default 30 seconds.</summary>
    [ConfigurationKeyName("NEWSWATCH_CHANNEL_TIMEOUT")]
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

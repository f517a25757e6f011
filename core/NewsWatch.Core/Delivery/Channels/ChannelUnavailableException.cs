namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// A channel receiver kept failing (5xx, 429, network errors) after the retries, or asked for a longer pause than is
/// waited in place: the delivery leaves the post at <c>sending</c> and the queue (or the next digest run) tries again.
/// </summary>
public sealed class ChannelUnavailableException : Exception
{
    public ChannelUnavailableException()
    {
    }

    public ChannelUnavailableException(string message)
        : base(message)
    {
    }

    public ChannelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The pause the receiver asked for in its last answer's <c>Retry-After</c>, if it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Thrown inside the handler chain when a host asked (Retry-After) for a longer pause than a fetch waits: the fetch
/// ends <see cref="FetchOutcome.RateLimited"/> without sending anything. Not an <see cref="HttpRequestException"/>, so
/// it is neither retried nor counted against the host's circuit.
/// </summary>
internal sealed class HostRateLimitedException : Exception
{
    public HostRateLimitedException()
    {
    }

    public HostRateLimitedException(string message)
        : base(message)
    {
    }

    public HostRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Thrown by <see cref="PrivateNetworkGuard"/>'s connect callback when every address of a host is private. The HTTP
/// stack wraps it in an <see cref="HttpRequestException"/>; the fetcher maps it to <see cref="FetchOutcome.Forbidden"/>
/// and the retry pipeline does not retry it.
/// </summary>
public sealed class PrivateNetworkRefusedException : IOException
{
    public PrivateNetworkRefusedException()
    {
    }

    public PrivateNetworkRefusedException(string message)
        : base(message)
    {
    }

    public PrivateNetworkRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The refusal inside <paramref name="exception"/>'s inner exceptions, or null.</summary>
    public static PrivateNetworkRefusedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PrivateNetworkRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}

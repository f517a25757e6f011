namespace NewsWatch.Core.Fetching;

/// <summary>
/// Thrown inside the HTTP handler chain when a body is over the cap. It is not an <see cref="HttpRequestException"/>,
/// so the resilience pipeline neither retries it nor counts it against the host's circuit.
/// </summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException()
    {
    }

    public ResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

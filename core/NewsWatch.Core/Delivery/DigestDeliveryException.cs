namespace NewsWatch.Core.Delivery;

/// <summary>
/// A digest could not go out on some channel now (a transient failure after the retries, or a misconfiguration); the
/// channels that took it are recorded. The digest stays due, and the next run sends it on the channels still open.
/// </summary>
public sealed class DigestDeliveryException : Exception
{
    public DigestDeliveryException(string digestId, string channel, Exception inner)
        : base($"Digest {digestId} could not go out on {channel} now: {inner?.Message}", inner)
    {
        DigestId = digestId;
    }

    /// <summary>The digest.</summary>
    public string DigestId { get; } = string.Empty;
}

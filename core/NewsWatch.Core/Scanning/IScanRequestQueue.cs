namespace NewsWatch.Core.Scanning;

/// <summary>Queue <c>scan-requests</c> (Base64 JSON, as the Functions queue trigger reads it).</summary>
public interface IScanRequestQueue
{
    /// <summary>Adds one scan request, visible to the scanners after <paramref name="delay"/>.</summary>
    Task EnqueueAsync(ScanRequest request, TimeSpan delay, CancellationToken cancellationToken);
}

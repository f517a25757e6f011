namespace NewsWatch.Core.Scanning;

/// <summary>What the <c>ScheduleScan</c> and <c>ScanSource</c> functions call: fan out per host, then scan one host's sources.</summary>
public interface IScanService
{
    /// <summary>
    /// Scans what <paramref name="request"/> names with the current config: a host's sources under the host's lease (a
    /// host already being scanned elsewhere is skipped), or the one source of a first-shape request. Sources removed
    /// from the config since the request was queued give a result with an Error.
    /// </summary>
    Task<IReadOnlyList<ScanResult>> ScanAsync(ScanRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Enqueues one scan request per host with sources due (a failing source waits out its backoff), spread over the
    /// first half of <paramref name="interval"/> and told to stop taking work before it ends; returns how many.
    /// </summary>
    Task<int> EnqueueAllAsync(TimeSpan interval, CancellationToken cancellationToken);
}

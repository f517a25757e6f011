namespace NewsWatch.Core.Scanning;

/// <summary>Scans one configured source by id with the current config: what the <c>ScanSource</c> function calls.</summary>
public interface IScanService
{
    /// <summary>Scans the source; an unknown id (removed from the config since the request was queued) gives a result with an Error.</summary>
    Task<ScanResult> ScanSourceAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>Enqueues one scan request per configured source; returns how many. What the <c>ScheduleScan</c> timer calls.</summary>
    Task<int> EnqueueAllAsync(CancellationToken cancellationToken);
}

namespace NewsWatch.Core.Scanning;

/// <summary>
/// One scanner per host at a time, across processes and instances: a host's scan holds its lease for as long as it
/// runs. A lease left by a process that died lapses by itself (a blob lease within a minute; a file lock with the process).
/// </summary>
public interface IHostLeases
{
    /// <summary>The host's lease, or null when another scanner holds it. Dispose the lease to release it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string host, CancellationToken cancellationToken);
}

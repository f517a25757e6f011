namespace NewsWatch.Core.Scanning;

/// <summary>Host leases in a local folder: <c>locks/{host}.lock</c>, opened exclusively; the lock goes with the process.</summary>
public sealed class FolderHostLeases : IHostLeases
{
    private readonly string _root;

    /// <summary>Keeps lock files under <paramref name="dataDirectory"/>/locks.</summary>
    public FolderHostLeases(string dataDirectory) => _root = Path.Combine(Path.GetFullPath(dataDirectory), "locks");

    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireAsync(string host, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, State.KeyEncoding.Safe(host) + ".lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.FromResult<IAsyncDisposable?>(stream);
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}

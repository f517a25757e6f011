using NewsWatch.Core.State;

namespace NewsWatch.Core.Alerts;

/// <summary>Alert blobs in a local folder with the container's layout: <c>alerts/{yyyy}/{MM}/{dd}/{alertId}.json</c>.</summary>
public sealed class FolderAlertStore : IAlertStore
{
    private readonly string _root;

    /// <summary>Keeps alerts under <paramref name="dataDirectory"/>/alerts.</summary>
    public FolderAlertStore(string dataDirectory) => _root = Path.Combine(Path.GetFullPath(dataDirectory), "alerts");

    /// <inheritdoc />
    public Task<bool> CreateIfAbsentAsync(string blobName, Alert alert, CancellationToken cancellationToken) =>
        AtomicFile.TryCreateAsync(PathOf(blobName), AlertJson.Serialize(alert), cancellationToken);

    /// <inheritdoc />
    public async Task<Alert?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return AlertJson.DeserializeAlert(await File.ReadAllTextAsync(PathOf(blobName), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string blobName)
    {
        var path = Path.GetFullPath(Path.Combine(_root, blobName));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{blobName}' is not a blob name inside the alerts folder.", nameof(blobName));
        }

        return path;
    }
}

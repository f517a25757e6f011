namespace NewsWatch.Core.State;

/// <summary>
/// <see cref="IStateStore"/> in a local folder: <c>state/{partition}/{key}.json</c>. Creation is atomic
/// (a temporary file renamed into place without overwriting); replacement renames it over the old one.
/// </summary>
public sealed class FolderStateStore : IStateStore
{
    private readonly string _root;

    /// <summary>Keeps state under <paramref name="dataDirectory"/>/state.</summary>
    public FolderStateStore(string dataDirectory) => _root = Path.Combine(Path.GetFullPath(dataDirectory), "state");

    /// <inheritdoc />
    public async Task<string?> GetAsync(string partition, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(PathOf(partition, key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken) =>
        AtomicFile.TryCreateAsync(PathOf(partition, key), value, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(string partition, string key, string expected, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(partition, key);
        await using var held = await AtomicFile.TryLockAsync(path, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return false;
        }

        if (await GetAsync(partition, key, cancellationToken).ConfigureAwait(false) != expected)
        {
            return false;
        }

        await AtomicFile.WriteAsync(path, value, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(PathOf(partition, key), value, cancellationToken);

    private string PathOf(string partition, string key) =>
        Path.Combine(_root, KeyEncoding.Safe(partition), KeyEncoding.Safe(key) + ".json");
}

namespace NewsWatch.Core.State;

/// <summary>
/// <see cref="IStateStore"/> in a local folder: <c>state/{partition}/{key}.json</c>. Creation is atomic
/// (<see cref="FileMode.CreateNew"/>); replacement writes a temporary file and renames it over the old one.
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
    public async Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(partition, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempPath(path);
        await File.WriteAllTextAsync(temp, value, cancellationToken).ConfigureAwait(false);
        try
        {
            // A hard link would be atomic too; a no-overwrite move is, on every platform .NET runs on.
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        var path = PathOf(partition, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempPath(path);
        await File.WriteAllTextAsync(temp, value, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private string PathOf(string partition, string key) =>
        Path.Combine(_root, KeyEncoding.Safe(partition), KeyEncoding.Safe(key) + ".json");

    private static string TempPath(string path) => path + "." + Guid.NewGuid().ToString("N") + ".tmp";
}

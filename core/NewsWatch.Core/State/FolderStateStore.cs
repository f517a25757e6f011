using System.Runtime.CompilerServices;

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
    public async Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        await WriteKeyAsync(partition, key, cancellationToken).ConfigureAwait(false);
        return await AtomicFile.TryCreateAsync(PathOf(partition, key), value, cancellationToken).ConfigureAwait(false);
    }

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
    public async Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        await WriteKeyAsync(partition, key, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAsync(PathOf(partition, key), value, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(
        string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, KeyEncoding.Safe(partition));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.json"))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                continue; // Deleted since the folder was listed.
            }

            // A long or unusual key is stored under its hash, with the key itself in a .key file beside the value.
            var name = Path.GetFileNameWithoutExtension(path);
            var key = KeyEncoding.IsHashed(name)
                ? await ReadKeyAsync(Path.ChangeExtension(path, ".key"), cancellationToken).ConfigureAwait(false) ?? name
                : name;
            yield return new KeyValuePair<string, string>(key, text);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var path = PathOf(partition, key);
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, ".key"));
        return Task.CompletedTask;
    }

    private static async Task<string?> ReadKeyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task WriteKeyAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var safe = KeyEncoding.Safe(key);
        if (KeyEncoding.IsHashed(safe))
        {
            var path = Path.ChangeExtension(PathOf(partition, key), ".key");
            if (!File.Exists(path))
            {
                await AtomicFile.WriteAsync(path, key, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string PathOf(string partition, string key) =>
        Path.Combine(_root, KeyEncoding.Safe(partition), KeyEncoding.Safe(key) + ".json");
}

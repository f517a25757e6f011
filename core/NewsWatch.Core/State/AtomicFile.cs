using System.Runtime.InteropServices;

namespace NewsWatch.Core.State;

/// <summary>
/// File writes for the local folder storage that a crash cannot leave half done: the text goes to a temporary file
/// beside the target, then a rename (or, for create-if-absent on Unix, a hard link) puts it in place.
/// </summary>
internal static partial class AtomicFile
{
    private const int EEXIST = 17;

    /// <summary>Creates <paramref name="path"/> with <paramref name="contents"/> only if it does not exist; true when this call created it.</summary>
    public static async Task<bool> TryCreateAsync(string path, string contents, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        var temp = await WriteTempAsync(path, contents, cancellationToken).ConfigureAwait(false);
        try
        {
            return CreateFrom(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>How long a lock file may be left by a writer that died before another writer breaks it.</summary>
    public static readonly TimeSpan StaleLockAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Takes <c>{path}.lock</c> (created if absent, atomically), or returns null when another writer holds it. A lock
    /// older than <see cref="StaleLockAge"/> was left by a writer that died: it is removed, and this call still returns
    /// null (the caller loses this round and reads again).
    /// </summary>
    public static async Task<IAsyncDisposable?> TryLockAsync(string path, CancellationToken cancellationToken)
    {
        var lockPath = path + ".lock";
        if (await TryCreateAsync(lockPath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false))
        {
            return new LockFile(lockPath);
        }

        try
        {
            // File times are the file system's wall clock, so the age is measured on that clock (not a TimeProvider).
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath) > StaleLockAge)
            {
                File.Delete(lockPath);
            }
        }
        catch (IOException)
        {
            // Another writer is breaking or releasing it: this round is lost either way.
        }

        return null;
    }

    private sealed class LockFile(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            File.Delete(path);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Puts <paramref name="temp"/>'s contents at <paramref name="path"/> only if nothing is there, atomically.</summary>
    private static bool CreateFrom(string temp, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        // On Unix, File.Move without overwrite checks and then renames: two writers can both "win". link(2) cannot.
        if (Link(temp, path) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == EEXIST ? false : throw new IOException($"Cannot create {path}: link failed with errno {errno}.");
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existingPath, string newPath);

    /// <summary>Writes <paramref name="path"/>, replacing any file there.</summary>
    public static async Task WriteAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var temp = await WriteTempAsync(path, contents, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private static async Task<string> WriteTempAsync(string path, string contents, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temp, contents, cancellationToken).ConfigureAwait(false);
        return temp;
    }
}

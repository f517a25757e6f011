namespace NewsWatch.Core.State;

/// <summary>
/// File writes for the local folder storage that a crash cannot leave half done: the text goes to a temporary file
/// beside the target, then a rename puts it in place.
/// </summary>
internal static class AtomicFile
{
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
            File.Move(temp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }

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

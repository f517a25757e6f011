namespace NewsWatch.Core.Configuration;

/// <summary>Reads a config or rules file, turning every way it can fail into a <see cref="ConfigException"/> that names the path and the fix.</summary>
internal static class ConfigFileText
{
    /// <summary>The text of the file at <paramref name="path"/> (named as given in messages); <paramref name="what"/> names the file ("config", "rules").</summary>
    public static string Read(string path, string what)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ConfigException($"{path}: is a folder, not a file: give the path of the {what} file itself (e.g. {Path.Combine(path, "newswatch.json")}).");
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"{path}: no such file: check the path of the {what} file.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the {what} file: {ex.Message}", ex);
        }
    }
}

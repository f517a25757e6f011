namespace NewsWatch.Testing;

/// <summary>Finds the repository root and the shared corpus beside it.</summary>
public static class RepoPaths
{
    /// <summary>The folder that holds NewsWatch.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/corpus</c> beside the repository, or null when this machine has no corpus.</summary>
    public static string? Corpus
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("NEWSWATCH_CORPUS");
            var path = string.IsNullOrEmpty(env) ? Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus")) : env;
            return Directory.Exists(path) ? path : null;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsWatch.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException(
            $"NewsWatch.sln not found above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}

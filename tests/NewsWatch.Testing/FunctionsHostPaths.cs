namespace NewsWatch.Testing;

/// <summary>
/// Where the Azure Functions host built from source (<c>../shared/tools/functions-host/run</c>) and the function app it
/// runs are. The host is only on machines that have <c>../shared</c> beside the repository (CI does); elsewhere
/// <see cref="SkipReason"/> says why the host tests are skipped.
/// </summary>
public static class FunctionsHostPaths
{
    /// <summary>Overrides the <c>run</c> script of the host (default <c>../shared/tools/functions-host/run</c>).</summary>
    public const string HostSetting = "NEWSWATCH_FUNCTIONS_HOST";

    /// <summary>Overrides the app folder the host runs (default: the function project's build output, see <see cref="AppDirectory"/>).</summary>
    public const string AppSetting = "NEWSWATCH_FUNCTIONS_APP";

    /// <summary>The host's <c>run</c> script, or null when this machine has none.</summary>
    public static string? RunScript
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(HostSetting);
            var path = string.IsNullOrEmpty(env)
                ? Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "tools", "functions-host", "run"))
                : Path.GetFullPath(env);
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>
    /// The function app folder the host runs: <c>NEWSWATCH_FUNCTIONS_APP</c> when set (a <c>dotnet publish</c> folder, say),
    /// else the build output of <c>functions/NewsWatch.Functions</c> for the configuration these tests were built in
    /// (<c>bin/Debug/net10.0/</c> under <c>dotnet test</c>). The Functions worker SDK makes a build output runnable as
    /// it is, which is what <c>func start</c> runs: <c>functions.metadata</c>, <c>worker.config.json</c>,
    /// <c>host.json</c> and the host extensions in <c>.azurefunctions/</c>. Null when no such folder has been built.
    /// </summary>
    public static string? AppDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(AppSetting);
            if (!string.IsNullOrEmpty(env))
            {
                return IsApp(env) ? Path.GetFullPath(env) : null;
            }

            var bin = Path.Combine(RepoPaths.Root, "functions", "NewsWatch.Functions", "bin");
            var (configuration, framework) = TestBuild();
            var same = Path.Combine(bin, configuration, framework);
            if (IsApp(same))
            {
                return same;
            }

            // Tests built in another way than bin/{Configuration}/{tfm}: the newest build of the app.
            return Directory.Exists(bin)
                ? Directory.EnumerateFiles(bin, "functions.metadata", SearchOption.AllDirectories)
                    .Select(Path.GetDirectoryName)
                    .Where(d => d is not null && IsApp(d))
                    .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d!, "functions.metadata")))
                    .FirstOrDefault()
                : null;
        }
    }

    /// <summary>Why the host tests cannot run here, or null when they can.</summary>
    public static string? SkipReason
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return "skipped: the Functions host in ../shared/tools/functions-host runs on Linux x64 only";
            }

            if (RunScript is null)
            {
                return $"skipped: the Azure Functions host (../shared/tools/functions-host/run beside the repository, or {HostSetting}) is not on this machine";
            }

            return AppDirectory is null
                ? $"skipped: the function app is not built (dotnet build functions/NewsWatch.Functions, or set {AppSetting} to a publish folder)"
                : null;
        }
    }

    private static bool IsApp(string directory) =>
        File.Exists(Path.Combine(directory, "host.json")) && File.Exists(Path.Combine(directory, "functions.metadata"));

    /// <summary>The configuration and target framework of the running test assembly, from <c>.../bin/{Configuration}/{tfm}/</c>.</summary>
    private static (string Configuration, string Framework) TestBuild()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return (framework.Parent?.Name ?? "Debug", framework.Name);
    }
}

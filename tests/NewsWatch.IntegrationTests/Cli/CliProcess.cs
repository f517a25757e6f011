using System.Diagnostics;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary>
/// How the tests start the real <c>newswatch</c> command: the native executable named by <c>NEWSWATCH_CLI</c> when set
/// (build/test.sh publishes it with Native AOT, as the README installs it, where a C toolchain is present), else the
/// newswatch.dll built beside the tests, through <c>dotnet</c>.
/// </summary>
internal static class CliProcess
{
    /// <summary>The variable naming a published native newswatch executable.</summary>
    public const string NativeVariable = "NEWSWATCH_CLI";

    /// <summary>The native executable under test, or null for the JIT build.</summary>
    public static string? Native => Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? path : null;

    /// <summary>A start for <paramref name="args"/>, with the developer's own NewsWatch settings removed.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var native = Native;
        if (native is not null && !File.Exists(native))
        {
            throw new FileNotFoundException($"{NativeVariable} names {native}, which does not exist: run build/publish-cli.sh, or unset {NativeVariable} to test the JIT build.");
        }

        var start = new ProcessStartInfo(native ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (native is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "newswatch.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A developer's own settings must not leak into the run.
        foreach (var name in new[] { "NEWSWATCH_STORAGE", "NEWSWATCH_CONFIG", "NEWSWATCH_DATA_DIR", "AzureWebJobsStorage" })
        {
            start.Environment.Remove(name);
        }

        return start;
    }
}

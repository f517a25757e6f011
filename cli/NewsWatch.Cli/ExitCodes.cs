namespace NewsWatch.Cli;

/// <summary>Exit codes: 0 the command ran (some sources or inputs may have failed: see its output), else why it could not.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>extract/match: at least one input failed.</summary>
    public const int SomeInputsFailed = 1;

    /// <summary>A bad config or rules file, bad arguments, or a bad setting (environment variable).</summary>
    public const int BadInput = 2;

    /// <summary>The storage could not be reached.</summary>
    public const int CouldNotRun = 3;
}

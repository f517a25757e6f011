using Xunit;

namespace NewsWatch.Testing;

/// <summary>
/// A fact that runs the function app in the real Azure Functions host (<c>../shared/tools/functions-host/</c>); it is
/// skipped, with a message saying why, on machines that do not have the host.
/// </summary>
public sealed class FunctionsHostFactAttribute : FactAttribute
{
    /// <summary>Set to 1 to run the tests marked <see cref="WaitingFor"/> (to see whether the fix they wait for has landed).</summary>
    public const string RunPendingSetting = "NEWSWATCH_RUN_PENDING_TESTS";

    private string? _waitingFor;

    /// <summary>Creates the attribute, skipping the test when <see cref="FunctionsHostPaths.SkipReason"/> is set.</summary>
    public FunctionsHostFactAttribute()
    {
        if (FunctionsHostPaths.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>
    /// A test of a known defect whose fix has not landed: skipped with this reason ("waiting for ..."), unless the
    /// setting <see cref="RunPendingSetting"/> is 1. Remove it with the fix.
    /// </summary>
    public string? WaitingFor
    {
        get => _waitingFor;
        set
        {
            _waitingFor = value;
            if (value is not null && Skip is null && Environment.GetEnvironmentVariable(RunPendingSetting) != "1")
            {
                Skip = value;
            }
        }
    }
}

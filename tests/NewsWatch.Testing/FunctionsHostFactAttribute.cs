using Xunit;

namespace NewsWatch.Testing;

/// <summary>
/// A fact that runs the function app in the real Azure Functions host (<c>../shared/tools/functions-host/</c>); it is
/// skipped, with a message saying why, on machines that do not have the host.
/// </summary>
public sealed class FunctionsHostFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute, skipping the test when <see cref="FunctionsHostPaths.SkipReason"/> is set.</summary>
    public FunctionsHostFactAttribute()
    {
        if (FunctionsHostPaths.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

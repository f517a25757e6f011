using System.Globalization;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The harness itself, when the host cannot start: a host that exits early must fail the start with its output, not
/// hang the test run. (Seen on CI: a host whose HTTP port was taken exited with 134, "address already in use"; the
/// start then waited for the end of output pipes that the watchdog kept open, until CI's time ran out.)
/// </summary>
public sealed class HostStartTests
{
    [FunctionsHostFact]
    public async Task StartAsync_HttpPortTaken_ThrowsExitedWithTheHostsOutput()
    {
        using var taken = LoopbackPorts.Hold(out var port);
        var state = Directory.CreateTempSubdirectory("newswatch-host-start-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                ["FUNCTIONS_HOST_STATE_DIR"] = state.FullName,
            };

            // The token bounds the old failure (a wait without end) so that it shows as a cancellation, not a hung run.
            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var ex = await Assert.ThrowsAsync<FunctionsHostExitedException>(() => FunctionsHostProcess.StartAsync(
                FunctionsHostPaths.RunScript!, FunctionsHostPaths.AppDirectory!, settings, TimeSpan.FromMinutes(2), bound.Token));

            Assert.Contains("address already in use", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}

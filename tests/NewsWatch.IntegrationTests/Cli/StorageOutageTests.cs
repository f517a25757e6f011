using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary><c>deliver</c> and <c>watch</c> with an Azurite that is down, then back: they wait, say so once, and finish.</summary>
public sealed class StorageOutageTests
{
    private static string SampleConfig => Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

    [Fact]
    public async Task Deliver_StorageDownAtStart_WaitsPrintsOneLineAndDeliversWhenItIsBack()
    {
        await using var azurite = new RestartableAzurite();
        await using var smtp = await SmtpTestServer.StartAsync();
        await azurite.StartAsync();
        var env = Env(azurite, smtp);
        var scan = await CliRunner.RunAsync(RepoPaths.Root, env, "scan", "--config", SampleConfig, "--storage", azurite.ConnectionString);
        Assert.True(scan.ExitCode == 0, scan.StdErr);
        await Task.Delay(RestartableAzurite.PersistDelay); // Azurite saves its metadata every few seconds
        azurite.Stop();

        await using var deliver = LiveProcess.Start(env, "deliver", "--config", SampleConfig, "--storage", azurite.ConnectionString);
        await deliver.WaitForErrorLineAsync("Storage unreachable", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await azurite.StartAsync();
        var exit = await deliver.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, deliver.StdErr);
        Assert.Single(deliver.ErrorLines, l => l.Contains("Storage unreachable", StringComparison.Ordinal));
        Assert.True(deliver.StdOut.Contains("Alerts delivered: 3, emails sent: 5", StringComparison.Ordinal), deliver.StdOut + "\n" + deliver.StdErr[..Math.Min(3000, deliver.StdErr.Length)]);
        Assert.Equal(5, smtp.Received.Count);
    }

    [Fact]
    public async Task Watch_StorageStoppedAndStartedBetweenCycles_KeepsRunningAndDeliversOnce()
    {
        await using var azurite = new RestartableAzurite();
        await using var smtp = await SmtpTestServer.StartAsync();
        await azurite.StartAsync();

        await using var watch = LiveProcess.Start(Env(azurite, smtp), "watch", "--config", SampleConfig, "--storage", azurite.ConnectionString, "--every", "12", "--cycles", "4");
        await watch.WaitForOutputLineAsync("Alerts delivered: 3", TimeSpan.FromSeconds(90));
        await Task.Delay(RestartableAzurite.PersistDelay); // Azurite saves its metadata every few seconds
        azurite.Stop();
        await watch.WaitForErrorLineAsync("Storage unreachable", TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(8));
        await azurite.StartAsync();
        var exit = await watch.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, watch.StdErr);
        Assert.Contains("cycle 4", watch.StdOut, StringComparison.Ordinal);
        Assert.Single(watch.ErrorLines, l => l.Contains("Storage unreachable", StringComparison.Ordinal));
        Assert.Equal(5, smtp.Received.Count);
    }

    private static Dictionary<string, string> Env(RestartableAzurite azurite, SmtpTestServer smtp) => new()
    {
        ["NEWSWATCH_SMTP_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The newswatch command as a process whose output lines are watched as they come.</summary>
    private sealed class LiveProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _out = new();
        private readonly ConcurrentQueue<string> _err = new();

        private LiveProcess(Process process) => _process = process;

        public IReadOnlyList<string> ErrorLines => [.. _err];

        public string StdOut => string.Join('\n', _out);

        public string StdErr => string.Join('\n', _err);

        public static LiveProcess Start(IReadOnlyDictionary<string, string> env, params string[] args)
        {
            var start = CliProcess.StartInfo(RepoPaths.Root, args);
            foreach (var (key, value) in env)
            {
                start.Environment[key] = value;
            }

            var live = new LiveProcess(Process.Start(start)!);
            live._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { live._out.Enqueue(e.Data); } };
            live._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { live._err.Enqueue(e.Data); } };
            live._process.BeginOutputReadLine();
            live._process.BeginErrorReadLine();
            return live;
        }

        public Task WaitForOutputLineAsync(string text, TimeSpan timeout) => WaitForAsync(_out, text, timeout);

        public Task WaitForErrorLineAsync(string text, TimeSpan timeout) => WaitForAsync(_err, text, timeout);

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flushes the asynchronous readers
            return _process.ExitCode;
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            return ValueTask.CompletedTask;
        }

        private async Task WaitForAsync(ConcurrentQueue<string> lines, string text, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                if (clock.Elapsed > timeout || _process.HasExited)
                {
                    throw new TimeoutException($"No line with '{text}'. Out: {StdOut}\nErr: {StdErr}");
                }

                await Task.Delay(100);
            }
        }
    }
}

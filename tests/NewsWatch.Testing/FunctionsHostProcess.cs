using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace NewsWatch.Testing;

/// <summary>
/// One run of the Azure Functions host (<c>functions-host/run APP</c>) in a process group of its own (started through
/// <c>setsid</c>), so that stopping it also ends the worker processes it started. Its stdout and stderr go to
/// <see cref="Log"/>. A watchdog in the group ends it when this test process goes away without stopping it (Ctrl-C,
/// a CI timeout): it waits for the end of a pipe this process holds open. Use <see cref="FunctionsHostFixture"/>
/// rather than this class directly.
/// </summary>
public sealed partial class FunctionsHostProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>
    /// Runs <c>$0 $1</c> (run APP) in the background of the new group's leader, and a watchdog that ends the group once
    /// stdin (a pipe from this process) closes; the leader exits with the host's exit code.
    /// </summary>
    private const string Launcher = """
        exec 3<&0
        "$0" "$1" </dev/null &
        host=$!
        ( while read -r _ <&3; do :; done; kill -TERM -- -$$ 2>/dev/null; sleep 15; kill -KILL -- -$$ 2>/dev/null ) &
        exec 3<&-
        wait "$host"
        """;

    /// <summary>Inherited settings that would change what the host does; the caller's <c>settings</c> are the only ones passed.</summary>
    private static readonly string[] ScrubbedPrefixes =
    [
        "NEWSWATCH_", "AzureWebJobs", "AzureFunctionsJobHost", "AzureFunctionsWebHost", "FUNCTIONS_", "ASPNETCORE_",
        "WEBSITE_", "CONTAINER_NAME", "Fetch__", "APPLICATIONINSIGHTS_",
    ];

    private static readonly HttpClient s_probe = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });

    private readonly Process _process;
    private int? _processGroup;

    private FunctionsHostProcess(Process process, FunctionsHostLog log)
    {
        _process = process;
        Log = log;
    }

    /// <summary>Everything the host and its worker wrote so far.</summary>
    public FunctionsHostLog Log { get; }

    /// <summary>The host's HTTP root, e.g. <c>http://127.0.0.1:41234/</c> (HTTP triggers are under <c>api/</c>); known once <c>run</c> printed it.</summary>
    public Uri? BaseUri { get; private set; }

    /// <summary>The id of the launcher shell, which leads the process group of the host and its worker and exits with the host.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the host has ended (the launcher exits with it).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="runScript"/> for <paramref name="appDirectory"/> with <paramref name="settings"/> as its only
    /// Functions and NewsWatch settings (null values are left out), and waits for <c>Host started</c> and for its HTTP
    /// port to accept connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host exited or did not start within <paramref name="startTimeout"/>; the message holds its output.</exception>
    public static async Task<FunctionsHostProcess> StartAsync(
        string runScript,
        string appDirectory,
        IReadOnlyDictionary<string, string?> settings,
        TimeSpan startTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // never written: the watchdog's lifeline
            UseShellExecute = false,
        };
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Launcher);
        start.ArgumentList.Add(runScript);
        start.ArgumentList.Add(appDirectory);
        foreach (var name in start.Environment.Keys.Where(k => ScrubbedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in settings)
        {
            if (value is not null)
            {
                start.Environment[name] = value;
            }
        }

        var log = new FunctionsHostLog();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"The Functions host could not be started: setsid {runScript} {appDirectory}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new FunctionsHostProcess(process, log);
        try
        {
            await host.WaitForStartAsync(startTimeout, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the host: SIGTERM to its process group (the host stops its functions and its worker, as on Ctrl-C), then
    /// after <paramref name="grace"/>, SIGKILL to whatever is left of the group.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _processGroup ??= ProcessGroupOf(_process.Id);
        if (_processGroup is not { } group)
        {
            // setsid never ran (the start failed early): only the launcher itself can be there.
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await WaitForLauncherAsync().ConfigureAwait(false);
            return;
        }

        if (Kill(-group, SigTerm) == 0)
        {
            var clock = Stopwatch.StartNew();
            while (Kill(-group, 0) == 0 && clock.Elapsed < grace)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            _ = Kill(-group, SigKill);
        }

        await WaitForLauncherAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task WaitForLauncherAsync(TimeSpan? bound = null)
    {
        using var wait = new CancellationTokenSource(bound ?? TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nothing more can be done from here.
        }
    }

    private async Task WaitForStartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // setsid runs in the child after the fork: the group is known once it has.
            _processGroup ??= ProcessGroupOf(_process.Id);
            if (BaseUri is null && Log.Lines.Select(l => ListeningLine().Match(l)).FirstOrDefault(m => m.Success) is { } listening)
            {
                BaseUri = new Uri(listening.Groups["url"].Value.TrimEnd('/', ',') + "/");
            }

            // The script host may start before Kestrel listens: both, so that HTTP triggers answer from the first request.
            if (Log.CountOf("Host started") > 0 && BaseUri is not null && await AnswersHttpAsync(BaseUri, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (_process.HasExited)
            {
                // Let the readers drain the last lines, for a few seconds at most: the watchdog still holds the output pipes
                // open (until the group is stopped), so waiting for their end without a bound would wait forever.
                await WaitForLauncherAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
                throw new FunctionsHostExitedException(
                    $"The Functions host exited with code {_process.ExitCode} before 'Host started'. Its output:{Environment.NewLine}{Log.Tail()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"The Functions host did not log 'Host started' within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Its output:{Environment.NewLine}{Log.Tail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the host's own HTTP server answers at <paramref name="uri"/>: any HTTP response. A connection alone is
    /// not enough: when the port is taken, the connection reaches whatever holds it, and the host logs <c>Host
    /// started</c> before it fails to bind and exits.
    /// </summary>
    private static async Task<bool> AnswersHttpAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await s_probe.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The process group of <paramref name="pid"/> when it leads a group of its own (setsid made it one), else null.</summary>
    private static int? ProcessGroupOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
            return group == pid && group != Environment.ProcessId ? group : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace NewsWatch.Testing;

/// <summary>
/// Starts a real Azurite (the Azure Storage emulator) on free loopback ports for a test collection, from the npm install
/// the test script makes in <c>.tools/azurite</c>. Without that install it fails with a message saying how to get it;
/// it never skips. Each fixture has its own data folder, so runs never clash.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key (public, in Microsoft's docs).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>How many times Azurite is started on fresh ports when it exits at start (a port taken meanwhile).</summary>
    private const int StartAttempts = 3;

    private const int KeptOutputLines = 40;

    private Process? _process;
    private ConcurrentQueue<string>? _output;
    private string? _dataDirectory;

    /// <summary>A connection string for this Azurite (blob, queue and table endpoints on its ports).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Chooses each port Azurite is told to listen on; <see cref="LoopbackPorts.Unused"/> unless a test says.</summary>
    public Func<int> ChoosePort { get; init; } = LoopbackPorts.Unused;

    /// <summary>Where the Azurite launcher is expected.</summary>
    public static string LauncherPath =>
        Environment.GetEnvironmentVariable("NEWSWATCH_AZURITE") is { Length: > 0 } custom
            ? custom
            : Path.Combine(RepoPaths.Root, ".tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var launcher = LauncherPath;
        if (!File.Exists(launcher))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {launcher}. Run ./build/test.sh once, or ./build/install-test-deps.sh " +
                "(it installs Azurite 3.37.0 from build/azurite/package-lock.json into .tools/azurite).");
        }

        _dataDirectory = Directory.CreateTempSubdirectory("newswatch-azurite-").FullName;

        // A port chosen here can still be taken before Azurite binds it (by another test process); Azurite then exits at
        // once. That is a race of the test machine, not a fault of the code under test: start it again on new ports.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (ChoosePort(), ChoosePort(), ChoosePort());
            StartAzurite(launcher, blob, queue, table);
            try
            {
                await WaitForPortsAsync([blob, queue, table], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (AzuriteExitedException exited) when (attempt < StartAttempts)
            {
                _process!.Dispose();
                _process = null;
                Console.Error.WriteLine(
                    $"Azurite exited at start on ports {blob}, {queue}, {table} (attempt {attempt} of {StartAttempts}); " +
                    $"starting it again on new ports. Its output: {exited.Message}");
                continue;
            }
            catch (AzuriteExitedException exited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited at start {StartAttempts} times, last on ports " +
                    $"{blob}, {queue}, {table}. Its output: {exited.Message}");
            }

            ConnectionString =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
                $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
                $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
            return;
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
        }

        return Task.CompletedTask;
    }

    private void StartAzurite(string launcher, int blob, int queue, int table)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     launcher, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", _dataDirectory!,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var output = new ConcurrentQueue<string>();
        _output = output;
        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started for Azurite.");
        _process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Keeps the last lines Azurite printed, to say why it exited at start.</summary>
    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > KeptOutputLines && output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitForPortsAsync(int[] ports, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    // A bounded wait for the redirected streams to be read to their end (a child holding them open must
                    // not hang the start).
                    _process.WaitForExit(TimeSpan.FromSeconds(10));
                    var said = string.Join(" | ", _output!);
                    throw new AzuriteExitedException(
                        $"code {_process.ExitCode}: {(said.Length > 0 ? said : "(nothing printed)")}");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < timeout)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Azurite's process ended before all its ports answered; the message holds its exit code and output.</summary>
    private sealed class AzuriteExitedException(string message) : Exception(message);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary>
/// An Azurite of its own that a test can stop and start again on the same ports and data folder (a storage outage). Its
/// ports are below the ephemeral range (<see cref="LoopbackPorts"/>), so no outgoing connection takes one while it is down.
/// </summary>
internal sealed class RestartableAzurite : IAsyncDisposable
{
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string _data = Directory.CreateTempSubdirectory("newswatch-azurite-restart-").FullName;
    private readonly int _blob = LoopbackPorts.Unused();
    private readonly int _queue = LoopbackPorts.Unused();
    private readonly int _table = LoopbackPorts.Unused();
    private Process? _process;

    /// <summary>Azurite keeps its metadata in memory and saves it every few seconds: wait this long before a kill loses nothing.</summary>
    public static readonly TimeSpan PersistDelay = TimeSpan.FromSeconds(8);

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     AzuriteFixture.LauncherPath, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", _data,
                     "--blobHost", "127.0.0.1", "--blobPort", Port(_blob), "--queueHost", "127.0.0.1", "--queuePort", Port(_queue),
                     "--tableHost", "127.0.0.1", "--tablePort", Port(_table),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { _blob, _queue, _table })
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return ValueTask.CompletedTask;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}

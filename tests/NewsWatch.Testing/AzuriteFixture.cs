using System.Diagnostics;
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

    private Process? _process;
    private string? _dataDirectory;

    /// <summary>A connection string for this Azurite (blob, queue and table endpoints on its ports).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

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
                $"Azurite is not installed at {launcher}. Run ./build/test.sh once (it installs it), or: " +
                "npm install --prefix .tools/azurite azurite@3.37.0");
        }

        _dataDirectory = Directory.CreateTempSubdirectory("newswatch-azurite-").FullName;
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     launcher, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", _dataDirectory,
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started for Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitForPortsAsync([blob, queue, table], TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
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

    private async Task WaitForPortsAsync(int[] ports, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited at start with code {_process.ExitCode}.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

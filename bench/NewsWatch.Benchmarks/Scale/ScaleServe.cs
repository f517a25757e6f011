using System.Globalization;
using System.Runtime.InteropServices;

namespace NewsWatch.Benchmarks.Scale;

/// <summary>
/// <c>scale-serve --sources N --hosts H --config FILE [--latency-ms 100] [--articles 5] [--crawl-delay S]</c>: runs the
/// <see cref="NewsSimulator"/> until SIGTERM or Ctrl+C and writes a config for its sources to FILE (written last, so its
/// presence means the sites answer). For measuring another process, such as <c>newswatch scan</c> (bench/storage-ops.sh).
/// </summary>
internal static class ScaleServe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--config");
        if (i < 0 || i + 1 >= args.Length)
        {
            Console.Error.WriteLine("scale-serve needs --config FILE");
            return 2;
        }

        var sources = Arg(args, "--sources", 100);
        var hosts = Arg(args, "--hosts", 10);
        await using var sim = await NewsSimulator.StartAsync(
            sources, hosts, Arg(args, "--articles", 5), TimeSpan.FromMilliseconds(Arg(args, "--latency-ms", 100)), Arg(args, "--crawl-delay", 0)).ConfigureAwait(false);
        var tmp = args[i + 1] + ".tmp";
        await File.WriteAllTextAsync(tmp, sim.ConfigJson(withFetchSection: false)).ConfigureAwait(false);
        File.Move(tmp, args[i + 1], overwrite: true);
        Console.WriteLine($"serving {sources} sources on {hosts} hosts: {string.Join(' ', sim.Hosts.Select(h => h.Port))}");

        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine($"requests {sim.Hosts.Sum(h => h.Stats.Requests)}, bytes {sim.Hosts.Sum(h => h.Stats.Bytes)}");
        return 0;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Cli;

/// <summary>
/// <c>newswatch watch --config FILE [--out DIR | --storage CONNECTION] [--every SECONDS]</c>: scan and deliver in a loop,
/// as the function app does, for people without Azure. The config file is re-read when it changes; a changed file
/// that is wrong is refused and the last good one stays in force. While storage is down it waits and retries with a
/// bounded backoff (one line per outage) and never exits on that.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var storage = new StorageArguments();
        var every = new Option<int>("--every")
        {
            DefaultValueFactory = _ => 300,
            Description = "Seconds between cycles (default 300, like the function app's schedule).",
        };
        var cycles = new Option<int?>("--cycles") { Description = "Stop after this many cycles (default: run until Ctrl+C)." };
        var command = new Command("watch", "Scan and deliver in a loop until stopped.");
        storage.AddTo(command);
        command.Options.Add(every);
        command.Options.Add(cycles);
        // On the options' own tokens: a value that is not a number is the parser's error, and must not throw here.
        every.Validators.Add(result => AtLeastOne(result, "--every must be at least 1 second."));
        cycles.Validators.Add(result => AtLeastOne(result, "--cycles must be at least 1."));
        command.SetAction((parse, ct) => RunAsync(parse, storage, TimeSpan.FromSeconds(parse.GetValue(every)), parse.GetValue(cycles), ct));
        return command;
    }

    private static void AtLeastOne(OptionResult result, string problem)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < 1)
        {
            result.AddError(problem);
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, StorageArguments storage, TimeSpan interval, int? cycles, CancellationToken cancellationToken)
    {
        if (!ScanCommand.TryLoadConfig(parse.GetValue(storage.Config)!, out _))
        {
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build(storage.Settings(parse));
        var configs = provider.GetRequiredService<INewsWatchConfigProvider>();
        var cycle = provider.GetRequiredService<ScanCycle>();
        var time = provider.GetRequiredService<TimeProvider>();
        var outage = new StorageOutage(Console.Error, time);
        for (var n = 1; cycles is null || n <= cycles; n++)
        {
            try
            {
                // Storage down (a transient error anywhere in the cycle) means wait and try again, never exit.
                var config = await outage.RunAsync(configs.GetConfigAsync, cancellationToken).ConfigureAwait(false);
                var results = await outage.RunAsync(c => cycle.RunAsync(config, c), cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"[{time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z] cycle {n}").ConfigureAwait(false);
                ScanSummary.Write(Console.Out, results, storage.Describe(parse), json: false);
                await outage.RunAsync(c => DeliverCommand.DeliverOnceAsync(provider, Console.Out, c), cancellationToken).ConfigureAwait(false);
                if (cycles is null || n < cycles)
                {
                    await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return ExitCodes.Ok;
    }
}

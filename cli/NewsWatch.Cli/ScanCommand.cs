using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Scanning;


namespace NewsWatch.Cli;

/// <summary><c>newswatch scan --config FILE [--out DIR | --storage CONNECTION] [--json]</c>: one scan cycle.</summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var storage = new StorageArguments();
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var command = new Command("scan", "Scan every source once: new articles are fetched, matched, and alerts written.");
        storage.AddTo(command);
        command.Options.Add(json);
        command.SetAction((parse, ct) => RunAsync(parse, storage, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, StorageArguments storage, bool json, CancellationToken cancellationToken)
    {
        if (!TryLoadConfig(parse.GetValue(storage.Config)!, out var config))
        {
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build(storage.Settings(parse));
        if (!await StorageCheck.IsReachableAsync(provider, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.CouldNotRun;
        }

        var results = await provider.GetRequiredService<ScanCycle>().RunAsync(config, cancellationToken).ConfigureAwait(false);
        ScanSummary.Write(Console.Out, results, storage.Describe(parse), json);
        return ExitCodes.Ok;
    }

    internal static bool TryLoadConfig(FileInfo file, out NewsWatchConfig config)
    {
        try
        {
            config = NewsWatchConfigReader.LoadFile(file.FullName);
            return true;
        }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine(ex.Message);
            config = null!;
            return false;
        }
    }
}

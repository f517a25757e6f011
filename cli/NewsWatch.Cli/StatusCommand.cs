using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;

namespace NewsWatch.Cli;

/// <summary>
/// <c>newswatch status --config FILE [--out DIR | --storage CONNECTION] [--json]</c>: every source's health, flagging the
/// ones failing for over 6 hours or quiet (no new link for over 3 days, or a listing that yields no links); then the
/// addresses that unsubscribed (with <c>--json</c>: a last line <c>{"optedOut": [{"address", "at"}]}</c>).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var storage = new StorageArguments();
        var json = new Option<bool>("--json") { Description = "Print one JSON object per source, one per line." };
        var command = new Command("status", "Show each source's last success and failure, links found, new articles, and the failing or quiet ones.");
        storage.AddTo(command);
        command.Options.Add(json);
        command.SetAction((parse, ct) => RunAsync(parse, storage, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, StorageArguments storage, bool json, CancellationToken cancellationToken)
    {
        if (!ScanCommand.TryLoadConfig(parse.GetValue(storage.Config)!, out var config))
        {
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build(storage.Settings(parse));
        if (!await StorageCheck.IsReachableAsync(provider, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.CouldNotRun;
        }

        var state = provider.GetRequiredService<SourceStateStore>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        var failingAfter = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SourceHealthOptions>>().Value.FailingAfter;
        var statuses = new List<SourceStatus>();
        foreach (var source in config.Sources)
        {
            var health = await state.GetHealthAsync(source.Id, cancellationToken).ConfigureAwait(false);
            statuses.Add(SourceStatus.Of(source.Id, source.Url, health, now, failingAfter));
        }

        var optedOut = await provider.GetRequiredService<OptOutStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        if (json)
        {
            foreach (var s in statuses)
            {
                Console.Out.WriteLine(StatusJson.Line(s));
            }

            // One last line, not a source: the unsubscribed addresses.
            Console.Out.WriteLine(StatusJson.OptedOut(optedOut));
        }
        else
        {
            WriteTable(Console.Out, statuses, now);
            WriteOptedOut(Console.Out, optedOut, now);
        }

        return ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter output, List<SourceStatus> statuses, DateTimeOffset now)
    {
        output.WriteLine($"{"SOURCE",-24} {"STATE",-14} {"LAST SUCCESS",-17} {"FAILS",5} {"LINKS",6} {"NEW 24H",7} {"LAST NEW",-17} LAST FAILURE");
        foreach (var s in statuses)
        {
            var h = s.Health;
            var state = s.Alarm?.ToUpperInvariant() ?? (h is null ? "never scanned" : "ok");
            var failure = h?.LastFailureAt is { } at ? $"{Ago(at, now)}: {h.LastError}" : "-";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.SourceId,-24} {state,-14} {Ago(h?.LastSuccessAt, now),-17} {h?.ConsecutiveFailures ?? 0,5} {(h?.LinksFound is { } l ? l.ToString(CultureInfo.InvariantCulture) : "-"),6} {s.NewLinksLastDay,7} {Ago(h?.LastNewLinkAt, now),-17} {failure}"));
        }

        var flagged = statuses.Count(s => s.Alarm is not null);
        output.WriteLine($"{statuses.Count} sources, {flagged} flagged");
    }

    private static void WriteOptedOut(TextWriter output, IReadOnlyList<OptedOutAddress> optedOut, DateTimeOffset now)
    {
        output.WriteLine();
        output.WriteLine($"OPTED OUT ({optedOut.Count}): no email goes to these addresses");
        foreach (var o in optedOut)
        {
            output.WriteLine($"  {o.Address,-40} {Ago(o.At, now)}");
        }
    }

    private static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t)
        {
            return "never";
        }

        var age = now - t;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 2 ? $"{(int)age.TotalHours} h ago"
            : $"{(int)age.TotalDays} days ago";
    }
}

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Archive;

namespace NewsWatch.Cli;

/// <summary>
/// <c>newswatch backtest --rule ID --config FILE [--out DIR | --storage CONNECTION]</c>: runs one rule over the
/// archived articles of the last 48 hours and prints, one JSON line each, what it would have alerted on (articles
/// published inside their source's backfill window), without alerting.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var storage = new StorageArguments();
        var rule = new Option<string>("--rule") { Required = true, Description = "The id of the rule to try (from --config)." };
        var command = new Command("backtest", "Run one rule over the articles of the last 48 hours and print what it would have alerted, without alerting.");
        storage.AddTo(command);
        command.Options.Add(rule);
        command.SetAction((parse, ct) => RunAsync(parse, storage, parse.GetValue(rule)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, StorageArguments storage, string ruleId, CancellationToken cancellationToken)
    {
        if (!ScanCommand.TryLoadConfig(parse.GetValue(storage.Config)!, out var config))
        {
            return ExitCodes.BadInput;
        }

        var rule = config.Rules.FirstOrDefault(r => r.Id == ruleId);
        if (rule is null)
        {
            await Console.Error.WriteLineAsync($"--rule: '{ruleId}' is not the id of any rule in the config.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await using var provider = CliHost.Build(storage.Settings(parse));
        if (!await StorageCheck.IsReachableAsync(provider, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.CouldNotRun;
        }

        var windows = config.Sources.ToDictionary(
            s => s.Id, s => TimeSpan.FromHours(Math.Clamp(s.BackfillHours, 0, ArticleArchive.Retention.TotalHours)), StringComparer.Ordinal);
        var backtester = provider.GetRequiredService<RuleBacktester>();
        var stdout = Console.OpenStandardOutput();
        var count = 0;
        var counts = new BacktestCounts();
        await foreach (var found in backtester.RunAsync([rule], id => windows.GetValueOrDefault(id, ArticleArchive.Retention), cancellationToken, counts)
                           .ConfigureAwait(false))
        {
            count++;
            JsonLines.Write(stdout, w =>
            {
                w.WriteString("ruleId", found.Match.RuleId);
                w.WriteString("sourceId", found.Article.SourceId);
                w.WriteString("url", found.Article.Url.AbsoluteUri);
                w.WriteString("title", found.Article.Title);
                w.WriteString("publishedAt", found.Article.PublishedAt?.ToString("O", CultureInfo.InvariantCulture));
                w.WriteNumber("count", found.Match.Count);
                w.WriteStartArray("snippets");
                foreach (var snippet in found.Match.Snippets)
                {
                    w.WriteStartObject();
                    w.WriteString("field", snippet.Field);
                    w.WriteString("text", snippet.Text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("hits");
                foreach (var hit in found.Match.Hits)
                {
                    w.WriteStartObject();
                    w.WriteString("term", hit.Term);
                    w.WriteString("field", hit.Field);
                    w.WriteNumber("start", hit.Start);
                    w.WriteNumber("length", hit.Length);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        await Console.Error.WriteLineAsync(counts.Kept == 0
            ? $"backtest {ruleId}: no article is kept in {storage.Describe(parse)}: texts are kept 48 hours from the scan that read them, so run a scan first (nothing was sent)."
            : $"backtest {ruleId}: {count} article(s) would have alerted, of {counts.InWindow} inside their source's backfill window ({counts.Kept} kept from the last 48 hours; nothing was sent).").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

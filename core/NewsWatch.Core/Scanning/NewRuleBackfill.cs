using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Archive;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// A new rule sees the last day: once per cycle, the rules that are new or changed since the last cycle (their query,
/// language and compounds option, recorded per rule id in state partition <c>rule-versions</c>) are run once over the
/// article texts kept for 48 hours, and alert on those published inside their source's backfill window, as if the rule
/// had been there. Alerts are idempotent by id, so a rerun (a crash before the versions were recorded) adds nothing.
/// </summary>
public sealed partial class NewRuleBackfill
{
    private const string Partition = "rule-versions";

    private readonly RuleBacktester _backtester;
    private readonly AlertPublisher _publisher;
    private readonly IStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<NewRuleBackfill> _logger;

    public NewRuleBackfill(RuleBacktester backtester, AlertPublisher publisher, IStateStore state, TimeProvider time, ILogger<NewRuleBackfill> logger)
    {
        _backtester = backtester;
        _publisher = publisher;
        _state = state;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs the new or changed rules of <paramref name="config"/> over the kept articles; returns the alerts written.</summary>
    public async Task<int> RunAsync(NewsWatchConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var (key, value) in _state.ListAsync(Partition, cancellationToken).ConfigureAwait(false))
        {
            recorded[key] = value;
        }

        var changed = config.Rules.Where(r => !recorded.TryGetValue(r.Id, out var v) || v != Version(r)).ToList();
        var written = 0;
        if (changed.Count > 0)
        {
            var windows = config.Sources.ToDictionary(s => s.Id, s => TimeSpan.FromHours(s.BackfillHours), StringComparer.Ordinal);
            var now = _time.GetUtcNow();
            await foreach (var found in _backtester.RunAsync(changed, id => windows.GetValueOrDefault(id, TimeSpan.Zero), cancellationToken).ConfigureAwait(false))
            {
                var article = found.Article;
                var alert = ScanAlerts.ForArticle(found.Match, article.SourceId, article.Url, article.Title, article.PublishedAt, now, null, storyId: null);
                if (await _publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false))
                {
                    written++;
                }
            }

            foreach (var rule in changed)
            {
                await _state.SetAsync(Partition, rule.Id, Version(rule), cancellationToken).ConfigureAwait(false);
            }

            LogBackfilled(_logger, changed.Count, written);
        }

        await _backtester.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    private static string Version(RuleDefinition rule) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{rule.Query}\n{rule.Language}\n{rule.Compounds}")).AsSpan(0, 8));

    [LoggerMessage(Level = LogLevel.Information, Message = "{RuleCount} new or changed rules run over the articles of the last 48 hours: {AlertCount} alerts written")]
    private static partial void LogBackfilled(ILogger logger, int ruleCount, int alertCount);
}

using Microsoft.Extensions.Logging;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>Scans by source id with the config in force, and fans out the schedule. The rules are compiled once per config.</summary>
public sealed partial class ScanService : IScanService
{
    private readonly INewsWatchConfigProvider _config;
    private readonly ISourceScanner _scanner;
    private readonly IScanRequestQueue _requests;
    private readonly SourceStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanService> _logger;
    private CompiledConfig? _compiled;

    public ScanService(
        INewsWatchConfigProvider config,
        ISourceScanner scanner,
        IScanRequestQueue requests,
        SourceStateStore state,
        TimeProvider time,
        ILogger<ScanService> logger)
    {
        _config = config;
        _scanner = scanner;
        _requests = requests;
        _state = state;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ScanResult> ScanSourceAsync(string sourceId, CancellationToken cancellationToken)
    {
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        var source = config.FindSource(sourceId);
        if (source is null)
        {
            LogUnknownSource(_logger, sourceId);
            return new ScanResult(sourceId, null, 0, 0, 0, $"No source '{sourceId}' in the config (removed since the request was queued?).", []);
        }

        return await _scanner.ScanAsync(source, RulesOf(config), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> EnqueueAllAsync(CancellationToken cancellationToken)
    {
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var count = 0;
        foreach (var source in config.Sources)
        {
            var health = await _state.GetHealthAsync(source.Id, cancellationToken).ConfigureAwait(false);
            if (health?.NextAttemptAt is { } next && next > now)
            {
                LogBackingOff(_logger, source.Id, health.ConsecutiveFailures, next);
                continue;
            }

            await _requests.EnqueueAsync(new ScanRequest(source.Id, now), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    /// <summary>The compiled rules of <paramref name="config"/> (the reader already checked their syntax).</summary>
    public RuleSet RulesOf(NewsWatchConfig config)
    {
        var compiled = Volatile.Read(ref _compiled);
        if (compiled is not null && ReferenceEquals(compiled.Config, config))
        {
            return compiled.Rules;
        }

        var rules = RuleSet.Compile(config.Rules);
        Volatile.Write(ref _compiled, new CompiledConfig(config, rules));
        return rules;
    }

    private sealed record CompiledConfig(NewsWatchConfig Config, RuleSet Rules);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan request for unknown source {SourceId} ignored")]
    private static partial void LogUnknownSource(ILogger logger, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} skipped this cycle after {FailureCount} failures; next attempt at {NextAttemptAt}")]
    private static partial void LogBackingOff(ILogger logger, string sourceId, int failureCount, DateTimeOffset nextAttemptAt);
}

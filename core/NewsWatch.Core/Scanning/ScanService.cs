using Microsoft.Extensions.Logging;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>Scans by host with the config in force, and fans out the schedule. The rules are compiled once per config.</summary>
public sealed partial class ScanService : IScanService
{
    private readonly INewsWatchConfigProvider _config;
    private readonly HostScanner _scanner;
    private readonly IHostLeases _leases;
    private readonly NewRuleBackfill _backfill;
    private readonly IScanRequestQueue _requests;
    private readonly SourceStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanService> _logger;
    private CompiledConfig? _compiled;

    public ScanService(
        INewsWatchConfigProvider config,
        HostScanner scanner,
        IHostLeases leases,
        NewRuleBackfill backfill,
        IScanRequestQueue requests,
        SourceStateStore state,
        TimeProvider time,
        ILogger<ScanService> logger)
    {
        _config = config;
        _scanner = scanner;
        _leases = leases;
        _backfill = backfill;
        _requests = requests;
        _state = state;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScanResult>> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        var ids = request.SourceIds ?? (request.SourceId is null ? [] : [request.SourceId]);
        var results = new List<ScanResult>();
        var sources = new List<Source>();
        foreach (var id in ids)
        {
            if (config.FindSource(id) is { } source)
            {
                sources.Add(source);
            }
            else
            {
                LogUnknownSource(_logger, id);
                results.Add(new ScanResult(id, null, 0, 0, 0, $"No source '{id}' in the config (removed since the request was queued?).", []));
            }
        }

        // A source's host may have changed since the request was queued: each host is scanned under its own lease.
        foreach (var group in sources.GroupBy(s => HostKey.Of(s.Url), StringComparer.Ordinal))
        {
            results.AddRange(await ScanHostAsync(group.Key, [.. group], RulesOf(config), request.NotAfter, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Scans one host's sources under its lease; when another scanner holds it, each source's result says so.</summary>
    public async Task<IReadOnlyList<ScanResult>> ScanHostAsync(
        string host, IReadOnlyList<Source> sources, RuleSet rules, DateTimeOffset? notAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var lease = await _leases.TryAcquireAsync(host, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogHostBusy(_logger, host);
            return [.. sources.Select(s => new ScanResult(s.Id, null, 0, 0, 0, null, []) { Skipped = $"host {host} is being scanned by another instance" })];
        }

        await using (lease.ConfigureAwait(false))
        {
            return await _scanner.ScanAsync(host, sources, rules, notAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<int> EnqueueAllAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var config = await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false);
        await RunBackfillAsync(_backfill, config, _logger, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var due = new List<Source>();
        foreach (var source in config.Sources)
        {
            var health = await _state.GetHealthAsync(source.Id, cancellationToken).ConfigureAwait(false);
            if (health?.NextAttemptAt is { } next && next > now)
            {
                LogBackingOff(_logger, source.Id, health.ConsecutiveFailures, next);
                continue;
            }

            due.Add(source);
        }

        var hosts = due.GroupBy(s => HostKey.Of(s.Url), StringComparer.Ordinal).ToList();
        var spread = interval / 2;
        var notAfter = now + interval * 0.9;
        for (var i = 0; i < hosts.Count; i++)
        {
            var delay = hosts.Count > 1 ? spread * i / hosts.Count : TimeSpan.Zero;
            var request = new ScanRequest(null, now, hosts[i].Key, [.. hosts[i].Select(s => s.Id)], notAfter);
            await _requests.EnqueueAsync(request, delay, cancellationToken).ConfigureAwait(false);
        }

        return hosts.Count;
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

    /// <summary>Runs new and changed rules over the kept articles; a failure is logged and retried next cycle, never stops the scans.</summary>
    internal static async Task RunBackfillAsync(NewRuleBackfill backfill, NewsWatchConfig config, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await backfill.RunAsync(config, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogBackfillFailed(logger, ex);
        }
    }

    private sealed record CompiledConfig(NewsWatchConfig Config, RuleSet Rules);

    [LoggerMessage(Level = LogLevel.Error, Message = "New or changed rules could not be run over the kept articles; tried again next cycle")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan request for unknown source {SourceId} ignored")]
    private static partial void LogUnknownSource(ILogger logger, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host} is being scanned by another instance: this request is skipped")]
    private static partial void LogHostBusy(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} skipped this cycle after {FailureCount} failures; next attempt at {NextAttemptAt}")]
    private static partial void LogBackingOff(ILogger logger, string sourceId, int failureCount, DateTimeOffset nextAttemptAt);
}

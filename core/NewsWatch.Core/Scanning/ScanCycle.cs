using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// One cycle over every configured source in this process (the CLI's <c>scan</c> and <c>watch</c>; the function app fans
/// out through the <c>scan-requests</c> queue instead). Sources are grouped by host; hosts are scanned side by side (at
/// most <see cref="ScanOptions.HostParallelism"/> at once, busiest first), each at its own politeness limits, so a cycle
/// takes about as long as its busiest host. A host that fails, even with an unexpected exception, is a result; the others go on.
/// </summary>
public sealed partial class ScanCycle
{
    private readonly ScanService _scanService;
    private readonly NewRuleBackfill _backfill;
    private readonly ScanOptions _options;
    private readonly ILogger<ScanCycle> _logger;

    public ScanCycle(ScanService scanService, NewRuleBackfill backfill, IOptions<ScanOptions> options, ILogger<ScanCycle> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scanService = scanService;
        _backfill = backfill;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Scans every source of <paramref name="config"/>; the results are in config order.</summary>
    public async Task<IReadOnlyList<ScanResult>> RunAsync(NewsWatchConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = _scanService.RulesOf(config);
        await ScanService.RunBackfillAsync(_backfill, config, _logger, cancellationToken).ConfigureAwait(false);
        // The hosts with the most sources (the most requests at their politeness limits) start first, so that a limit on
        // hosts at once, when there are more hosts than it, lengthens the cycle least.
        var hosts = config.Sources.GroupBy(s => HostKey.Of(s.Url), StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        var byId = new Dictionary<string, ScanResult>(StringComparer.Ordinal);
        var gate = new object();
        await Parallel.ForEachAsync(
            hosts,
            new ParallelOptions { MaxDegreeOfParallelism = _options.HostParallelism, CancellationToken = cancellationToken },
            async (host, ct) =>
            {
                IReadOnlyList<ScanResult> results;
                try
                {
                    results = await _scanService.ScanHostAsync(host.Key, [.. host], rules, null, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The one catch-all of the cycle: a bug or a storage fault on one host must not stop the others.
                    LogHostCrashed(_logger, ex, host.Key);
                    results = [.. host.Select(s => new ScanResult(s.Id, null, 0, 0, 0, $"{ex.GetType().Name}: {ex.Message}", []))];
                }

                lock (gate)
                {
                    foreach (var result in results)
                    {
                        byId[result.SourceId] = result;
                    }
                }
            }).ConfigureAwait(false);

        return [.. config.Sources.Select(s => byId[s.Id])];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scan of host {Host} crashed")]
    private static partial void LogHostCrashed(ILogger logger, Exception exception, string host);
}

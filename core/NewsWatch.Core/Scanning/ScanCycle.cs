using Microsoft.Extensions.Logging;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// One cycle over every configured source in this process (the CLI's <c>scan</c> and <c>watch</c>; the function app fans
/// out through the <c>scan-requests</c> queue instead). A source that fails, even with an unexpected exception, is a
/// result; the others go on.
/// </summary>
public sealed partial class ScanCycle
{
    private readonly ISourceScanner _scanner;
    private readonly ScanService _scanService;
    private readonly ILogger<ScanCycle> _logger;

    public ScanCycle(ISourceScanner scanner, ScanService scanService, ILogger<ScanCycle> logger)
    {
        _scanner = scanner;
        _scanService = scanService;
        _logger = logger;
    }

    /// <summary>Scans every source of <paramref name="config"/>, one after another.</summary>
    public async Task<IReadOnlyList<ScanResult>> RunAsync(NewsWatchConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rules = _scanService.RulesOf(config);
        var results = new List<ScanResult>(config.Sources.Count);
        foreach (var source in config.Sources)
        {
            try
            {
                results.Add(await _scanner.ScanAsync(source, rules, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The one catch-all of the cycle: a bug or a storage fault in one source must not stop the others.
                LogSourceCrashed(_logger, ex, source.Id);
                results.Add(new ScanResult(source.Id, null, 0, 0, 0, $"{ex.GetType().Name}: {ex.Message}", []));
            }
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scan of source {SourceId} crashed")]
    private static partial void LogSourceCrashed(ILogger logger, Exception exception, string sourceId);
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;

namespace NewsWatch.Functions;

/// <summary>One message of queue <c>scan-requests</c>: scans that source. A failing source is data: logged, not thrown.</summary>
public sealed partial class ScanSource
{
    private readonly IScanService _scans;
    private readonly ILogger<ScanSource> _logger;

    public ScanSource(IScanService scans, ILogger<ScanSource> logger)
    {
        _scans = scans;
        _logger = logger;
    }

    [Function(nameof(ScanSource))]
    public async Task RunAsync([QueueTrigger(StorageNames.ScanRequestsQueue)] ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _scans.ScanSourceAsync(request.SourceId, cancellationToken).ConfigureAwait(false);
        if (result.Error is not null)
        {
            LogFailed(_logger, result.SourceId, result.Outcome?.ToString() ?? "none", result.Error);
        }
        else
        {
            LogScanned(_logger, result.SourceId, result.Outcome?.ToString() ?? "none", result.LinksFound, result.ArticlesFetched, result.AlertsWritten, result.ArticleFailures.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} failed ({Outcome}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string sourceId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} scanned ({Outcome}): {LinksFound} links, {ArticlesFetched} articles fetched, {AlertsWritten} alerts, {ArticleFailures} article failures")]
    private static partial void LogScanned(ILogger logger, string sourceId, string outcome, int linksFound, int articlesFetched, int alertsWritten, int articleFailures);
}

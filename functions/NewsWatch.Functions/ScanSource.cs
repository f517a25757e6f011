using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;

namespace NewsWatch.Functions;

/// <summary>
/// One message of queue <c>scan-requests</c>: scans that host's sources under the host's lease (or one source, for a
/// message of the first shape). A failing source is data: logged, not thrown.
/// </summary>
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
        LogRequest(_logger, request.Host ?? "(per source)", string.Join(",", request.SourceIds ?? (request.SourceId is null ? [] : [request.SourceId])));
        foreach (var result in await _scans.ScanAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (result.Skipped is not null)
            {
                LogSkipped(_logger, result.SourceId, result.Skipped);
            }
            else if (result.Error is not null)
            {
                LogFailed(_logger, result.SourceId, result.Outcome?.ToString() ?? "none", result.Error);
            }
            else
            {
                LogScanned(_logger, result.SourceId, result.Outcome?.ToString() ?? "none", result.LinksFound, result.ArticlesFetched, result.AlertsWritten, result.ArticleFailures.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan request for host {Host}: sources {SourceIds}")]
    private static partial void LogRequest(ILogger logger, string host, string sourceIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} not scanned: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string sourceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} failed ({Outcome}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string sourceId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} scanned ({Outcome}): {LinksFound} links, {ArticlesFetched} pages fetched, {AlertsWritten} alerts, {ArticleFailures} page failures")]
    private static partial void LogScanned(ILogger logger, string sourceId, string outcome, int linksFound, int articlesFetched, int alertsWritten, int articleFailures);
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Functions;

/// <summary>On the schedule <c>NEWSWATCH_SCHEDULE</c>: one message per source on queue <c>scan-requests</c>.</summary>
public sealed partial class ScheduleScan
{
    private readonly IScanService _scans;
    private readonly ILogger<ScheduleScan> _logger;

    public ScheduleScan(IScanService scans, ILogger<ScheduleScan> logger)
    {
        _scans = scans;
        _logger = logger;
    }

    [Function(nameof(ScheduleScan))]
    public async Task RunAsync([TimerTrigger("%NEWSWATCH_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var count = await _scans.EnqueueAllAsync(cancellationToken).ConfigureAwait(false);
        LogEnqueued(_logger, count, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan requests enqueued: {SourceCount} (timer past due: {IsPastDue})")]
    private static partial void LogEnqueued(ILogger logger, int sourceCount, bool isPastDue);
}

using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Functions;

/// <summary>
/// On the schedule <c>NEWSWATCH_SCHEDULE</c>: one message per host with sources due on queue <c>scan-requests</c>,
/// spread over the first half of the interval to the next run.
/// </summary>
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
        var count = await _scans.EnqueueAllAsync(Interval(timer), cancellationToken).ConfigureAwait(false);
        LogEnqueued(_logger, count, timer.IsPastDue);
    }

    /// <summary>The time to the next run, from the schedule status the host passes; 5 minutes when it passes none.</summary>
    private static TimeSpan Interval(TimerInfo timer)
    {
        if (timer.ScheduleStatus is { } status && status.Next > status.Last)
        {
            var interval = status.Next - status.Last;
            return interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : interval;
        }

        return TimeSpan.FromMinutes(5);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan requests enqueued: {HostCount} hosts (timer past due: {IsPastDue})")]
    private static partial void LogEnqueued(ILogger logger, int hostCount, bool isPastDue);
}

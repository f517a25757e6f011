using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NCrontab;
using NewsWatch.Core.Scanning;

namespace NewsWatch.Functions;

/// <summary>
/// On the schedule <c>NEWSWATCH_SCHEDULE</c>: one message per host with sources due on queue <c>scan-requests</c>,
/// spread over the first half of the interval to the next run.
/// </summary>
public sealed partial class ScheduleScan
{
    /// <summary>The setting that holds the schedule.</summary>
    public const string ScheduleSetting = "NEWSWATCH_SCHEDULE";

    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    private readonly IScanService _scans;
    private readonly IConfiguration? _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<ScheduleScan> _logger;

    public ScheduleScan(IScanService scans, TimeProvider time, ILogger<ScheduleScan> logger, IConfiguration? configuration = null)
    {
        _scans = scans;
        _configuration = configuration;
        _time = time;
        _logger = logger;
    }

    [Function(nameof(ScheduleScan))]
    public async Task RunAsync([TimerTrigger("%NEWSWATCH_SCHEDULE%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var interval = Interval(timer);
        var count = await _scans.EnqueueAllAsync(interval, cancellationToken).ConfigureAwait(false);
        LogEnqueued(_logger, count, interval.TotalSeconds, timer.IsPastDue);
    }

    /// <summary>
    /// The time between two runs, within 5 s and 1 hour: from the schedule status the host passes when it has a last run
    /// (it passes none for schedules under a minute, and no last run the first time), else from the schedule setting
    /// itself (NCRONTAB with seconds, or a time span), else 5 minutes.
    /// </summary>
    internal TimeSpan Interval(TimerInfo timer)
    {
        if (timer.ScheduleStatus is { } status && status.Last > DateTime.MinValue.AddDays(1) && status.Next > status.Last)
        {
            return Clamp(status.Next - status.Last);
        }

        return FromSchedule(_configuration?[ScheduleSetting], _time.GetUtcNow().UtcDateTime) is { } fromSchedule ? Clamp(fromSchedule) : DefaultInterval;
    }

    /// <summary>The gap between the next two occurrences of <paramref name="expression"/> after <paramref name="now"/>, or null when it cannot be read.</summary>
    internal static TimeSpan? FromSchedule(string? expression, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero)
        {
            return every;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
        if (schedule is null)
        {
            return null;
        }

        var next = schedule.GetNextOccurrence(now);
        var after = schedule.GetNextOccurrence(next);
        return after > next ? after - next : null;
    }

    private static TimeSpan Clamp(TimeSpan interval) =>
        interval < MinInterval ? MinInterval : interval > MaxInterval ? MaxInterval : interval;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan requests enqueued: {HostCount} hosts, spread over half of {IntervalSeconds} s (timer past due: {IsPastDue})")]
    private static partial void LogEnqueued(ILogger logger, int hostCount, double intervalSeconds, bool isPastDue);
}

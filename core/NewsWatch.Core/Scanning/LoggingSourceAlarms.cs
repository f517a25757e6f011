using Microsoft.Extensions.Logging;

namespace NewsWatch.Core.Scanning;

/// <summary>The default <see cref="ISourceAlarms"/>: a warning in the log, for hosts without operator emails.</summary>
public sealed partial class LoggingSourceAlarms : ISourceAlarms
{
    private readonly ILogger<LoggingSourceAlarms> _logger;

    public LoggingSourceAlarms(ILogger<LoggingSourceAlarms> logger) => _logger = logger;

    /// <inheritdoc />
    public Task NotifyAsync(SourceAlarm alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        LogAlarm(_logger, alarm.SourceId, alarm.Kind, alarm.Reason);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} is now {Alarm}: {Reason}")]
    private static partial void LogAlarm(ILogger logger, string sourceId, string alarm, string? reason);
}

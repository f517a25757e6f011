using NewsWatch.Core.Delivery;

namespace NewsWatch.Core.Scanning;

/// <summary>Source alarms as operator emails: through <see cref="IOperatorNotifier"/>, the same ledger as alerts.</summary>
public sealed class OperatorSourceAlarms : ISourceAlarms
{
    private readonly IOperatorNotifier _notifier;

    public OperatorSourceAlarms(IOperatorNotifier notifier) => _notifier = notifier;

    /// <inheritdoc />
    public Task NotifyAsync(SourceAlarm alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var kind = alarm.Kind switch
        {
            "failing" => OperatorNoticeKind.Failing,
            "quiet" => OperatorNoticeKind.Quiet,
            _ => OperatorNoticeKind.Recovered,
        };
        return _notifier.NotifyAsync(new OperatorNotice(alarm.SourceId, kind, alarm.Reason ?? alarm.Kind, alarm.At), cancellationToken);
    }
}

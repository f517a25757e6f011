namespace NewsWatch.Core.Scanning;

/// <summary>Where a source's change to failing, quiet or recovered goes (the operators' emails; a log line by default).</summary>
public interface ISourceAlarms
{
    /// <summary>Tells of <paramref name="alarm"/>; idempotent per source and change, since a scan that fails after this call repeats it.</summary>
    Task NotifyAsync(SourceAlarm alarm, CancellationToken cancellationToken);
}

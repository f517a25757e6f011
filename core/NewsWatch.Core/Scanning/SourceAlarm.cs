namespace NewsWatch.Core.Scanning;

/// <summary>A source turned failing or quiet, or recovered: what operators are told, once per change.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="SourceUrl">Its listing.</param>
/// <param name="Kind">"failing", "quiet" or "recovered".</param>
/// <param name="Reason">The last error, or why it counts as quiet.</param>
/// <param name="At">When the scan that saw the change ran.</param>
public sealed record SourceAlarm(string SourceId, string SourceUrl, string Kind, string? Reason, DateTimeOffset At);

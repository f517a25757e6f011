namespace NewsWatch.Core.State;

/// <summary>A source's health, kept between scans.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="FirstScanAt">When the source was first scanned successfully: articles published more than backfillHours before this never alert.</param>
/// <param name="LastAttemptAt">The last scan's start.</param>
/// <param name="LastSuccessAt">The last scan whose listing was fetched.</param>
/// <param name="LastOutcome">The last listing fetch's outcome name.</param>
/// <param name="LastError">The last failure's reason.</param>
/// <param name="ConsecutiveFailures">Failed scans in a row.</param>
/// <param name="NextAttemptAt">While failing, the schedule skips the source until then.</param>
public sealed record SourceHealth(
    string SourceId,
    DateTimeOffset? FirstScanAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    string? LastOutcome,
    string? LastError,
    int ConsecutiveFailures,
    DateTimeOffset? NextAttemptAt);

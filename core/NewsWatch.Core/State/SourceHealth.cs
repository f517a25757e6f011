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
    DateTimeOffset? NextAttemptAt)
{
    /// <summary>The last failed scan.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>The first failure of the current run of failures (null while the source is sound).</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Links the last fetched listing gave (a not-modified listing keeps the count before it).</summary>
    public int? LinksFound { get; init; }

    /// <summary>When a listing last gave a link never seen before.</summary>
    public DateTimeOffset? LastNewLinkAt { get; init; }

    /// <summary>When new links were found in the last 24 hours, one time per scan that found any, with how many.</summary>
    /// <remarks>Missing or null (records of older versions) reads as none; see <see cref="Alerts.Alert.Kind"/>.</remarks>
    public IReadOnlyList<NewLinkCount> RecentNewLinks { get => _recentNewLinks; init => _recentNewLinks = value ?? []; }

    private readonly IReadOnlyList<NewLinkCount> _recentNewLinks = [];

    /// <summary>The alarm operators were last told of: "failing", "quiet", or null while the source is sound.</summary>
    public string? Alarm { get; init; }

    /// <summary>New links in the 24 hours before <paramref name="now"/>.</summary>
    public int NewLinksInLastDay(DateTimeOffset now) => RecentNewLinks.Where(n => n.At > now - TimeSpan.FromHours(24)).Sum(n => n.Count);
}

/// <summary>How many new links one scan found.</summary>
public sealed record NewLinkCount(DateTimeOffset At, int Count);

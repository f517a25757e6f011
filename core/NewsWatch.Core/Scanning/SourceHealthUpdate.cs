using NewsWatch.Core.Fetching;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>A source's health after one scan.</summary>
public static class SourceHealthUpdate
{
    /// <summary>The longest wait between two tries of a failing source: it is retried at least this often, forever.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(2);

    /// <summary>The first wait of the backoff (from the second failure in a row), by default.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);

    /// <summary>The health after a scan whose listing was read (or not modified).</summary>
    public static SourceHealth Success(string sourceId, SourceHealth? before, DateTimeOffset at, FetchOutcome outcome, int? linksFound, int newLinks)
    {
        var recent = (before?.RecentNewLinks ?? []).Where(n => n.At > at - TimeSpan.FromHours(24)).ToList();
        if (newLinks > 0)
        {
            recent.Add(new NewLinkCount(at, newLinks));
        }

        return new SourceHealth(sourceId, before?.FirstScanAt ?? at, at, at, outcome.ToString(), null, 0, null)
        {
            LastFailureAt = before?.LastFailureAt,
            LinksFound = linksFound ?? before?.LinksFound,
            LastNewLinkAt = newLinks > 0 ? at : before?.LastNewLinkAt ?? before?.FirstScanAt ?? at,
            RecentNewLinks = recent,
            Alarm = before?.Alarm,
        };
    }

    /// <summary>
    /// The health after a failed scan: from the second failure in a row the schedule skips the source for 5 minutes,
    /// then 10, 20, ... never more than <see cref="MaxBackoff"/>, and never for good (<paramref name="firstBackoff"/>, default
    /// <see cref="FirstBackoff"/>, sets the first wait).
    /// </summary>
    public static SourceHealth Failure(string sourceId, SourceHealth? before, DateTimeOffset at, string outcome, string error, TimeSpan? firstBackoff = null)
    {
        var failures = (before?.ConsecutiveFailures ?? 0) + 1;
        var first = (firstBackoff ?? FirstBackoff).TotalMinutes;
        DateTimeOffset? next = failures < 2
            ? null
            : at + TimeSpan.FromMinutes(Math.Min(MaxBackoff.TotalMinutes, first * Math.Pow(2, Math.Min(failures - 2, 10))));
        return new SourceHealth(sourceId, before?.FirstScanAt, at, before?.LastSuccessAt, outcome, error, failures, next)
        {
            LastFailureAt = at,
            FailingSince = before is { ConsecutiveFailures: > 0 } ? before.FailingSince ?? before.LastFailureAt ?? at : at,
            LinksFound = before?.LinksFound,
            LastNewLinkAt = before?.LastNewLinkAt,
            RecentNewLinks = before?.RecentNewLinks ?? [],
            Alarm = before?.Alarm,
        };
    }
}

using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// One source's health as <c>newswatch status</c> shows it, with its flags: failing (no successful scan for over
/// <see cref="FailingAfter"/> while failing) and quiet (no new link for over <see cref="QuietAfter"/>, or a listing that
/// yields no links).
/// </summary>
public sealed record SourceStatus(
    string SourceId,
    string Url,
    SourceHealth? Health,
    int NewLinksLastDay,
    bool Failing,
    bool Quiet)
{
    /// <summary>A source that has failed this long is flagged failing.</summary>
    public static readonly TimeSpan FailingAfter = TimeSpan.FromHours(6);

    /// <summary>A source whose listing has shown no new link for this long is flagged quiet.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromDays(3);

    /// <summary>"failing", "quiet" or null: the alarm operators are told of.</summary>
    public string? Alarm => Failing ? "failing" : Quiet ? "quiet" : null;

    /// <summary>
    /// The status of a source from its health at <paramref name="now"/>; <paramref name="failingAfter"/> (default
    /// <see cref="FailingAfter"/>, the setting <c>Health__FailingAfterMinutes</c>) is how long it must have failed.
    /// </summary>
    public static SourceStatus Of(string sourceId, Uri url, SourceHealth? health, DateTimeOffset now, TimeSpan? failingAfter = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var failing = health is { ConsecutiveFailures: > 0 }
            && (health.LastSuccessAt ?? health.FailingSince ?? health.LastFailureAt ?? now) < now - (failingAfter ?? FailingAfter);
        var quiet = !failing && health is { LastSuccessAt: not null }
            && (health.LinksFound == 0 || (health.LastNewLinkAt ?? health.FirstScanAt ?? now) < now - QuietAfter);
        return new SourceStatus(sourceId, url.AbsoluteUri, health, health?.NewLinksInLastDay(now) ?? 0, failing, quiet);
    }
}

namespace NewsWatch.Core.State;

/// <summary>
/// What a host's scans know of one article URL (partition <c>articles-{host}</c>, key the canonical link URL): when it
/// was first seen and last fetched, its validators for a conditional re-fetch, what kind of page it was, and, for a
/// live blog, until when it is re-checked. Shared by every source of the host, so a URL listed by two sources is
/// fetched once and an update signal from any of them counts.
/// </summary>
/// <param name="Url">The canonical link URL (the key).</param>
/// <param name="SourceId">The source that first listed it (its live-blog re-checks run with that source's settings).</param>
/// <param name="FirstSeenAt">When a listing first showed it; the record is pruned 30 days after.</param>
/// <param name="LastFetchedAt">The last fetch that reached the page (null while it has only failed).</param>
/// <param name="PageType">"article", "liveblog", "other", or "failed" for a page given up on.</param>
/// <param name="ETag">The ETag of the last fetch, for a conditional re-fetch.</param>
/// <param name="LastModified">The Last-Modified of the last fetch.</param>
/// <param name="Signal">The newest update signal a listing gave (sitemap lastmod, Atom updated, a moved feed date).</param>
/// <param name="LiveUntil">A live blog is re-fetched on every scan until then.</param>
/// <param name="ContentHash">A hash of the extracted text of the last fetch, to tell a changed live blog.</param>
/// <param name="LastChangedAt">A live blog's last change: its newest entry on the first fetch, then the fetch that saw new text.</param>
/// <param name="Failures">Failed fetches or extractions in a row; after <see cref="MaxFailures"/> the page is given up.</param>
public sealed record ArticleRecord(
    string Url,
    string? SourceId,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastFetchedAt,
    string? PageType,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    DateTimeOffset? Signal = null,
    DateTimeOffset? LiveUntil = null,
    string? ContentHash = null,
    DateTimeOffset? LastChangedAt = null,
    int Failures = 0)
{
    /// <summary>Failed tries after which a page is not fetched again (until it is pruned and listed anew).</summary>
    public const int MaxFailures = 3;

    /// <summary>How long a record is kept after <see cref="FirstSeenAt"/>.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(30);
}

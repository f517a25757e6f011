using NewsWatch.Core.Fetching;

namespace NewsWatch.Core.Scanning;

/// <summary>What one scan of one source did.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="Outcome">The listing fetch's outcome (Ok, NotModified, or a failure), or null when the scan did not fetch (skipped while backing off).</param>
/// <param name="LinksFound">Article links on the listing.</param>
/// <param name="ArticlesFetched">New articles fetched.</param>
/// <param name="AlertsWritten">Alerts created by this scan (a rerun writes 0).</param>
/// <param name="Error">Why the source failed, when it did.</param>
/// <param name="ArticleFailures">Articles that could not be fetched, with their outcome.</param>
public sealed record ScanResult(
    string SourceId,
    FetchOutcome? Outcome,
    int LinksFound,
    int ArticlesFetched,
    int AlertsWritten,
    string? Error,
    IReadOnlyList<ArticleFailure> ArticleFailures)
{
    /// <summary>Pages robots.txt kept the scan from (counted, never an error).</summary>
    public int Disallowed { get; init; }

    /// <summary>Pages left for the next scan because the host's time budget ran out.</summary>
    public int Deferred { get; init; }

    /// <summary>Pages read that the page classifier called something other than an article or a live blog (never matched).</summary>
    public int NotArticles { get; init; }

    /// <summary>Articles read that were published before the source's backfill window, so they could not alert.</summary>
    public int TooOld { get; init; }

    /// <summary>Why the source was not scanned at all this time (its host was being scanned elsewhere), or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>For a source of kind <c>auto</c>: what it chose (a feed, sitemaps, or the page's links).</summary>
    public string? Discovery { get; init; }

    /// <summary>True when the listing was fetched (or not modified).</summary>
    public bool Succeeded => Outcome is FetchOutcome.Ok or FetchOutcome.NotModified;
}

/// <summary>A page of a source that could not be fetched or processed in this scan.</summary>
public sealed record ArticleFailure(string ArticleUrl, FetchOutcome Outcome, string? Error);

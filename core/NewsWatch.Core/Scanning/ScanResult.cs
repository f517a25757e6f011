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
    /// <summary>True when the listing was fetched (or not modified).</summary>
    public bool Succeeded => Outcome is FetchOutcome.Ok or FetchOutcome.NotModified;
}

/// <summary>An article of a source that could not be fetched in this scan (it is retried next scan).</summary>
public sealed record ArticleFailure(string ArticleUrl, FetchOutcome Outcome, string? Error);

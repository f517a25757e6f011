using NewsWatch.Core.Sources;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>Why a page is fetched in a host's scan.</summary>
public enum ScanWorkKind
{
    /// <summary>A link no scan of the host has handled yet.</summary>
    New,

    /// <summary>An article a listing says has changed since it was fetched.</summary>
    Updated,

    /// <summary>A live blog, re-fetched on every scan while it is live.</summary>
    LiveBlog,
}

/// <summary>One page a host's scan fetches, for the source that claimed it.</summary>
/// <param name="Source">The source the page is counted for (its backfill window and page-type setting apply).</param>
/// <param name="Url">The page.</param>
/// <param name="Kind">Why it is fetched.</param>
/// <param name="Link">The listing's link, when a listing gave it this cycle (its title and dates are fallbacks).</param>
/// <param name="Record">What earlier scans knew of the page, if anything.</param>
internal sealed record ScanWork(Source Source, Uri Url, ScanWorkKind Kind, DiscoveredLink? Link, ArticleRecord? Record);

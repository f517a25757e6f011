using NewsWatch.Core.Fetching;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Sources;

/// <summary>What <see cref="IListingReader.ReadAsync"/> found for one source.</summary>
/// <param name="Outcome">
/// The listing fetch's outcome: <see cref="FetchOutcome.Ok"/> (links below), <see cref="FetchOutcome.NotModified"/> or
/// <see cref="FetchOutcome.NotDue"/> (nothing to do this scan), else a failure described by <paramref name="Error"/>.
/// </param>
/// <param name="Links">The article links, in listing order (newest first for sitemaps), canonical and without duplicates.</param>
/// <param name="Validators">The validators to keep for the source's URL (null: keep what is stored).</param>
/// <param name="Chosen">What was read, for the scan summary: e.g. <c>feed https://x/rss.xml (named by the home page)</c>.</param>
/// <param name="Error">Why the listing failed or could not be read.</param>
/// <param name="Malformed">True when the listing was fetched but could not be read (broken XML, not a feed or sitemap).</param>
public sealed record ListingRead(
    FetchOutcome Outcome,
    IReadOnlyList<DiscoveredLink> Links,
    HttpValidators? Validators = null,
    string? Chosen = null,
    string? Error = null,
    bool Malformed = false)
{
    /// <summary>True when links were read.</summary>
    public bool IsOk => Outcome == FetchOutcome.Ok && !Malformed;
}

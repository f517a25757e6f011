using NewsWatch.Core.State;

namespace NewsWatch.Core.Sources;

/// <summary>
/// All the listing work of a source, whatever its kind: fetch the page, feed or sitemap (conditionally, and not before
/// its <c>max-age</c>/<c>ttl</c> has passed), find its article links, and for <see cref="SourceKind.Auto"/> decide what to
/// read. Never throws for a fetch or format failure: that is the result's outcome.
/// </summary>
public interface IListingReader
{
    /// <summary>Reads <paramref name="source"/>'s listing; <paramref name="validators"/> are those stored for its URL.</summary>
    Task<ListingRead> ReadAsync(Source source, HttpValidators? validators, CancellationToken cancellationToken);
}

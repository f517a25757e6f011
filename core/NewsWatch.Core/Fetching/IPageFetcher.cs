namespace NewsWatch.Core.Fetching;

/// <summary>Fetches one page or feed. Never throws for a network or HTTP failure: that is a <see cref="FetchOutcome"/>.</summary>
public interface IPageFetcher
{
    /// <summary>Fetches <paramref name="request"/>'s URL (http, https, or file).</summary>
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Fetches a large body (a sitemap) as a stream instead of text: the body is kept in a temporary file, at most
    /// <see cref="FetchOptions.MaxSitemapBytes"/>, and any content type is accepted. Dispose the result.
    /// </summary>
    Task<StreamedFetch> FetchStreamAsync(FetchRequest request, CancellationToken cancellationToken);
}

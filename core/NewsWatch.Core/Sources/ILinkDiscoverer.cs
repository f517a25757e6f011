namespace NewsWatch.Core.Sources;

/// <summary>Finds the article links in a fetched listing page or feed.</summary>
public interface ILinkDiscoverer
{
    /// <summary>
    /// Returns the source's article links in document order, without duplicates. A feed gives its items' links; a page
    /// gives the links matching <see cref="Source.LinkPattern"/> (or, without one, every link on the listing's host
    /// other than the listing itself).
    /// </summary>
    /// <param name="source">The source (kind and link pattern).</param>
    /// <param name="content">The decoded listing.</param>
    /// <param name="baseUrl">The listing's URL after redirects, to resolve relative links.</param>
    IReadOnlyList<DiscoveredLink> Discover(Source source, string content, Uri baseUrl);
}

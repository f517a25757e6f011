namespace NewsWatch.Core.Sources;

/// <summary>PLACEHOLDER: replaced by the real feed and page link discoverer.</summary>
public sealed class LinkDiscoverer : ILinkDiscoverer
{
    /// <inheritdoc />
    public IReadOnlyList<DiscoveredLink> Discover(Source source, string content, Uri baseUrl) => [];
}

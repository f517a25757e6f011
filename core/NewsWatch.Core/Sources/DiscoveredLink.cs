namespace NewsWatch.Core.Sources;

/// <summary>An article link found on a listing page or in a feed.</summary>
/// <param name="Url">Absolute, canonicalised (no fragment, no utm_* parameters).</param>
/// <param name="Title">The link text or feed item title, if any.</param>
/// <param name="PublishedAt">The feed item's or sitemap entry's date (Google News publication date, else lastmod), if any (pages give none).</param>
/// <param name="UpdatedAt">
/// When the listing says the article last changed: sitemap <c>lastmod</c>, Atom <c>updated</c>, an RSS item's
/// <c>atom:updated</c>/<c>dc:modified</c>, else its date. A later value than at the last fetch means the article changed.
/// </param>
public sealed record DiscoveredLink(Uri Url, string? Title = null, DateTimeOffset? PublishedAt = null, DateTimeOffset? UpdatedAt = null);

namespace NewsWatch.Core.Sources;

/// <summary>An article link found on a listing page or in a feed.</summary>
/// <param name="Url">Absolute, canonicalised (no fragment, no utm_* parameters).</param>
/// <param name="Title">The link text or feed item title, if any.</param>
/// <param name="PublishedAt">The feed item's date, if any (pages give none).</param>
/// <param name="UpdatedAt">When the listing says the article last changed (sitemap lastmod, Atom updated), if it says.</param>
public sealed record DiscoveredLink(Uri Url, string? Title = null, DateTimeOffset? PublishedAt = null, DateTimeOffset? UpdatedAt = null);

namespace NewsWatch.Core.Sources;

/// <summary>What <see cref="SitemapReader"/> found.</summary>
/// <param name="IsIndex">True for a sitemap index (<c>sitemapindex</c>).</param>
/// <param name="Entries">The newest entries (at most the reader's limit), newest first; for an index, its child sitemaps.</param>
/// <param name="Total">How many entries the file has in all.</param>
internal sealed record SitemapContent(bool IsIndex, IReadOnlyList<SitemapEntry> Entries, int Total);

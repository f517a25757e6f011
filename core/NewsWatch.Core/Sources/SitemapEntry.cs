namespace NewsWatch.Core.Sources;

/// <summary>One <c>&lt;url&gt;</c> of a sitemap, or one <c>&lt;sitemap&gt;</c> of a sitemap index.</summary>
/// <param name="Url">The absolute <c>loc</c>.</param>
/// <param name="Title">The Google News <c>news:title</c>, if any.</param>
/// <param name="PublishedAt">The Google News <c>news:publication_date</c>, if any.</param>
/// <param name="LastModified">The <c>lastmod</c>, if any.</param>
internal sealed record SitemapEntry(Uri Url, string? Title, DateTimeOffset? PublishedAt, DateTimeOffset? LastModified)
{
    /// <summary>The date that orders entries: the publication date, else lastmod.</summary>
    public DateTimeOffset? Date => PublishedAt ?? LastModified;
}

namespace NewsWatch.Core.Sources;

/// <summary>What a source's URL points at.</summary>
public enum SourceKind
{
    /// <summary>An HTML listing (section or home page) whose links lead to articles.</summary>
    Page,
    /// <summary>An RSS 2.0 or Atom feed.</summary>
    Feed,
    /// <summary>A sitemap, sitemap index or Google News sitemap (plain or gzip).</summary>
    Sitemap,
    /// <summary>A home page: the feed it names (<c>link rel="alternate"</c>), else the sitemaps in robots.txt, else its own links.</summary>
    Auto,
}

namespace NewsWatch.Core.Extraction;

/// <summary>An article as extracted from one page: metadata plus the main text without page furniture.</summary>
/// <param name="Url">The page's canonical URL when it points at the article itself, else the URL it was fetched from, else null.</param>
/// <param name="Title">The headline, or null when the page has none.</param>
/// <param name="PublishedAt">When the page says it was published (meta tags, JSON-LD, &lt;time&gt;), in UTC.</param>
/// <param name="Language">The page's language tag (e.g. "en"), or null.</param>
/// <param name="Text">The main article text, paragraphs separated by blank lines; without the headline.</param>
public sealed record Article(Uri? Url, string? Title, DateTimeOffset? PublishedAt, string? Language, string Text)
{
    /// <summary>Article, live blog or other: only the first two are matched.</summary>
    public PageType PageType { get; init; } = PageType.Article;

    /// <summary>Why the page got its type (what <c>newswatch extract --explain</c> prints).</summary>
    public IReadOnlyList<string> PageTypeReasons { get; init; } = [];

    /// <summary>A live blog's entries, newest first as the page lists them; empty for other pages.</summary>
    public IReadOnlyList<LiveBlogEntry> Entries { get; init; } = [];

    /// <summary>A live blog's end of coverage, when the page says (a past one means it is no longer live).</summary>
    public DateTimeOffset? CoverageEndTime { get; init; }

    /// <summary>When the page says it was last modified (meta tags, JSON-LD), in UTC; null when it does not say.</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>The author(s) the page names in its metadata (JSON-LD, meta tags), comma separated; null when none.</summary>
    public string? Author { get; init; }

    /// <summary>The publication's name (og:site_name, JSON-LD publisher), or null.</summary>
    public string? SiteName { get; init; }
}

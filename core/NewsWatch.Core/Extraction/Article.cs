namespace NewsWatch.Core.Extraction;

/// <summary>An article as extracted from one page: metadata plus the main text without page furniture.</summary>
/// <param name="Url">The page's canonical URL when it points at the article itself, else the URL it was fetched from, else null.</param>
/// <param name="Title">The headline, or null when the page has none.</param>
/// <param name="PublishedAt">When the page says it was published (meta tags, JSON-LD, &lt;time&gt;), in UTC.</param>
/// <param name="Language">The page's language tag (e.g. "en"), or null.</param>
/// <param name="Text">The main article text, paragraphs separated by blank lines; without the headline.</param>
public sealed record Article(Uri? Url, string? Title, DateTimeOffset? PublishedAt, string? Language, string Text)
{
    /// <summary>Article, live blog or other page; only articles and live blogs are matched.</summary>
    public PageType PageType { get; init; } = PageType.Article;

    /// <summary>Why the page got its <see cref="PageType"/>, one short reason per signal that counted.</summary>
    public IReadOnlyList<string> PageTypeReasons { get; init; } = [];

    /// <summary>A live blog's entries, in page order; empty for other pages.</summary>
    public IReadOnlyList<LiveBlogEntry> Entries { get; init; } = [];

    /// <summary>When a live blog says its coverage ended (JSON-LD <c>coverageEndTime</c>), in UTC, or null.</summary>
    public DateTimeOffset? CoverageEndTime { get; init; }
}

namespace NewsWatch.Core.Extraction;

/// <summary>Turns one HTML page into an <see cref="Article"/>.</summary>
public interface IArticleExtractor
{
    /// <summary>Extracts the article from <paramref name="html"/>.</summary>
    /// <param name="html">The decoded page.</param>
    /// <param name="pageUrl">Where the page came from (used to resolve relative URLs and to judge rel=canonical), or null.</param>
    Article Extract(string html, Uri? pageUrl);
}

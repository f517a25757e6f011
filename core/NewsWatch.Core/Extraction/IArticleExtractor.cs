namespace NewsWatch.Core.Extraction;

/// <summary>Turns one HTML page into an <see cref="Article"/>.</summary>
public interface IArticleExtractor
{
    /// <summary>Extracts the article from <paramref name="html"/>.</summary>
    /// <param name="html">The decoded page.</param>
    /// <param name="pageUrl">Where the page came from (used to resolve relative URLs and to judge rel=canonical), or null.</param>
    /// <exception cref="PageTooComplexException">The page is beyond the extractor's limits of depth, size or time.</exception>
    Article Extract(string html, Uri? pageUrl);

    /// <summary>Extracts the article from <paramref name="html"/>, giving up when <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="html">The decoded page.</param>
    /// <param name="pageUrl">Where the page came from, or null.</param>
    /// <param name="cancellationToken">Cancels the extraction (then <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="PageTooComplexException">The page is beyond the extractor's limits of depth, size or time.</exception>
    Article Extract(string html, Uri? pageUrl, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Extract(html, pageUrl);
    }
}

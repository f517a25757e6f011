using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;

namespace NewsWatch.Cli;

/// <summary>Fetches one input (file or URL) and extracts its article; a failure is a message, not an exception.</summary>
internal static class ArticleLoader
{
    public static async Task<(Article? Article, string? Error)> LoadAsync(
        IPageFetcher fetcher, IArticleExtractor extractor, string input, CancellationToken cancellationToken)
    {
        Uri uri;
        try
        {
            uri = CliHost.ToUri(input);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return (null, $"'{input}' is neither a URL nor a file path: {ex.Message}");
        }

        var result = await fetcher.FetchAsync(new FetchRequest(uri), cancellationToken).ConfigureAwait(false);
        if (!result.IsOk || result.Content is null)
        {
            return (null, $"{result.Outcome}: {result.Error ?? "no content"}");
        }

        // A local file has no URL of its own: only its canonical link (if any) gives one.
        var pageUrl = uri.IsFile ? null : result.FinalUrl ?? uri;
        return (extractor.Extract(result.Content, pageUrl), null);
    }
}

using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;

namespace NewsWatch.Cli;

/// <summary>Fetches inputs (files or URLs) and extracts their articles; a failure is a message, not an exception.</summary>
internal static class ArticleLoader
{
    /// <summary>
    /// For each input in order, writes one JSON line to stdout: <paramref name="writeArticle"/>'s fields, or
    /// <c>{input, error}</c>. Returns the exit code: 1 when any input failed.
    /// </summary>
    public static async Task<int> ForEachAsync(
        IServiceProvider provider, string[] inputs, Action<System.Text.Json.Utf8JsonWriter, string, Article> writeArticle, CancellationToken cancellationToken)
    {
        var fetcher = provider.GetRequiredService<IPageFetcher>();
        var extractor = provider.GetRequiredService<IArticleExtractor>();
        using var stdout = Console.OpenStandardOutput();
        var failed = false;

        // Pages are fetched and extracted a few at a time; the lines still come out in input order.
        var window = new Queue<(string Input, Task<(Article? Article, string? Error)> Work)>();
        var width = Math.Max(2, Environment.ProcessorCount * 2);
        async Task WriteNextAsync()
        {
            var (input, work) = window.Dequeue();
            var (article, error) = await work.ConfigureAwait(false);
            if (article is null)
            {
                failed = true;
                JsonLines.Write(stdout, w => { w.WriteString("input", input); w.WriteString("error", error); });
            }
            else
            {
                JsonLines.Write(stdout, w => writeArticle(w, input, article));
            }
        }

        foreach (var input in inputs)
        {
            window.Enqueue((input, Task.Run(() => LoadAsync(fetcher, extractor, input, cancellationToken), cancellationToken)));
            if (window.Count >= width)
            {
                await WriteNextAsync().ConfigureAwait(false);
            }
        }

        while (window.Count > 0)
        {
            await WriteNextAsync().ConfigureAwait(false);
        }

        return failed ? ExitCodes.SomeInputsFailed : ExitCodes.Ok;
    }

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
        try
        {
            return (extractor.Extract(result.Content, pageUrl, cancellationToken), null);
        }
        catch (PageTooComplexException ex)
        {
            return (null, $"TooComplex: {ex.Message}");
        }
    }
}

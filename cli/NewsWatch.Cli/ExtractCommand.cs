using System.CommandLine;
using System.Globalization;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Cli;

/// <summary><c>newswatch extract INPUT...</c>: one JSON line per input with the extracted article.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUT") { Arity = ArgumentArity.OneOrMore, Description = "Files or URLs of article pages." };
        var explain = new Option<bool>("--explain") { Description = "Also print pageTypeReasons: the signals that decided the page type." };
        var command = new Command("extract", "Extract title, canonical URL, published time, language, page type and main text from pages.") { inputs, explain };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(inputs)!, parse.GetValue(explain), ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] inputs, bool explain, CancellationToken cancellationToken)
    {
        await using var provider = CliHost.Build();
        return await ArticleLoader.ForEachAsync(provider, inputs, (w, input, article) =>
        {
            w.WriteString("input", input);
            w.WriteString("url", article.Url?.AbsoluteUri);
            w.WriteString("title", article.Title);
            w.WriteString("publishedAt", Utc(article.PublishedAt));
            w.WriteString("language", article.Language);
            w.WriteString("pageType", PageTypeName(article.PageType));
            if (explain)
            {
                w.WriteStartArray("pageTypeReasons");
                foreach (var reason in article.PageTypeReasons)
                {
                    w.WriteStringValue(reason);
                }

                w.WriteEndArray();
            }

            w.WriteString("text", article.Text);
            if (article.PageType == PageType.LiveBlog)
            {
                w.WriteString("coverageEndTime", Utc(article.CoverageEndTime));
                w.WriteStartArray("entries");
                foreach (var entry in article.Entries)
                {
                    w.WriteStartObject();
                    w.WriteString("entryId", entry.EntryId);
                    w.WriteString("anchor", entry.Anchor);
                    w.WriteString("time", Utc(entry.Time));
                    w.WriteString("title", entry.Title);
                    w.WriteString("text", entry.Text);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The page type as the CLI prints it: "article", "liveblog" or "other".</summary>
    public static string PageTypeName(PageType type) => type switch
    {
        PageType.LiveBlog => "liveblog",
        PageType.Other => "other",
        _ => "article",
    };

    private static string? Utc(DateTimeOffset? time)
        => time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

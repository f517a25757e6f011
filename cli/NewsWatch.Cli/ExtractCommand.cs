using System.CommandLine;
using System.Globalization;

namespace NewsWatch.Cli;

/// <summary><c>newswatch extract INPUT...</c>: one JSON line per input with the extracted article.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("INPUT") { Arity = ArgumentArity.OneOrMore, Description = "Files or URLs of article pages." };
        var command = new Command("extract", "Extract title, canonical URL, published time, language and main text from pages.") { inputs };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(inputs)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] inputs, CancellationToken cancellationToken)
    {
        await using var provider = CliHost.Build();
        return await ArticleLoader.ForEachAsync(provider, inputs, (w, input, article) =>
        {
            w.WriteString("input", input);
            w.WriteString("url", article.Url?.AbsoluteUri);
            w.WriteString("title", article.Title);
            w.WriteString("publishedAt", article.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("language", article.Language);
            w.WriteString("text", article.Text);
        }, cancellationToken).ConfigureAwait(false);
    }
}

using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Extraction;

/// <summary>PLACEHOLDER: whole-body text. Replaced by the real extractor.</summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    private static readonly HtmlParser Parser = new();

    /// <inheritdoc />
    public Article Extract(string html, Uri? pageUrl)
    {
        using var doc = Parser.ParseDocument(html);
        return new Article(pageUrl, doc.Title, null, doc.DocumentElement.GetAttribute("lang"), doc.Body?.TextContent ?? string.Empty);
    }
}

using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Extracts a news page's metadata and main text: finds the body region (explicit markers, then
/// Readability-style scoring), prunes furniture inside it by tag, class, link density and wording, and
/// assembles the text without inserting spaces between inline elements. Stateless and thread-safe.
/// </summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false };
    private static readonly string JunkSelector = string.Join(',', BoilerplateRules.JunkTags);

    /// <inheritdoc />
    public Article Extract(string html, Uri? pageUrl)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new HtmlParser(ParserOptions);
        using var doc = parser.ParseDocument(html);

        var meta = MetadataReader.ReadMeta(doc);
        var jsonLd = MetadataReader.ReadJsonLd(doc);
        var title = MetadataReader.ReadTitle(doc, meta, jsonLd);
        var url = MetadataReader.ReadUrl(doc, meta, pageUrl);
        var language = MetadataReader.ReadLanguage(doc, meta);
        var headlines = Headlines(doc, title, jsonLd);
        var signals = PageSignals.Read(doc, meta, jsonLd, url ?? pageUrl);

        // Metadata is read; now remove what never holds body text, so that text measures count prose only.
        foreach (var junk in doc.QuerySelectorAll(JunkSelector).ToList())
        {
            junk.Remove();
        }

        var root = doc.Body ?? doc.DocumentElement;
        if (root is null)
        {
            return PageClassifier.Classify(signals, doc, string.Empty, null).ApplyTo(new Article(url, title, MetadataReader.ReadPublished(doc, meta, jsonLd, null), language, string.Empty));
        }

        var page = PageModel.Build(root);
        var region = ContentFinder.Find(page);
        var published = MetadataReader.ReadPublished(doc, meta, jsonLd, region.Count > 0 ? region[0] : null);
        var text = RegionPruner.Text(page, region, headlines);
        return PageClassifier.Classify(signals, doc, text, region).ApplyTo(new Article(url, title, published, language, text));
    }

    private static List<string> Headlines(IDocument doc, string? title, List<JsonElement> jsonLd)
    {
        var list = new List<string>();
        if (title is not null)
        {
            list.Add(title);
        }

        if (doc.QuerySelector("h1") is { } h1)
        {
            list.Add(h1.TextContent);
        }

        if (doc.QuerySelector("title")?.TextContent is { } t)
        {
            list.Add(t);
            list.Add(MetadataReader.StripSiteName(TextAssembler.CollapseWhitespace(t).Trim()));
        }

        foreach (var item in jsonLd)
        {
            if (item.TryGetProperty("headline", out var h) && h.ValueKind == JsonValueKind.String)
            {
                list.Add(h.GetString()!);
            }
        }

        return list;
    }
}

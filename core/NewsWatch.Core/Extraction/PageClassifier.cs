using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Decides whether a page is an article, a live blog or something else (a home page, section front, tag,
/// author or search page, gallery, consent wall, error page), from general signals only: metadata
/// (og:type, JSON-LD, microdata, a published time), the URL's shape, and the page's structure (prose in one
/// body versus many teasers, link density, the extracted text's shape). Each signal adds a weighted score;
/// structure is scored apart, and when its evidence is strong it decides alone, so that metadata that is
/// missing or wrong cannot turn a teaser list into an article or a story into a list.
/// </summary>
internal static partial class PageClassifier
{
    /// <summary>Structural evidence at least this strong decides whatever the metadata says.</summary>
    private const double StrongStructure = 5;

    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle", "BlogPosting", "LiveBlogPosting", "Report",
        "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "Interview", "PressRelease",
    };

    private static readonly HashSet<string> ListTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "CollectionPage", "ItemList", "ProfilePage", "SearchResultsPage", "ImageGallery", "MediaGallery", "VideoGallery",
        "Blog", "SiteNavigationElement", "CheckoutPage", "ContactPage", "AboutPage",
    };

    /// <summary>Whether one of <paramref name="types"/> is a schema.org article type.</summary>
    public static bool IsArticleType(IEnumerable<string> types) => types.Any(ArticleTypes.Contains);

    /// <summary>Classifies the page and, for a live blog, reads its entries.</summary>
    /// <param name="signals">What was read from the document before furniture was removed.</param>
    /// <param name="doc">The document (after junk removal), for entries named only by JSON-LD.</param>
    /// <param name="text">The extracted main text.</param>
    /// <param name="region">The elements the text was taken from, or null when unknown.</param>
    public static PageClassifierResult Classify(PageSignals signals, IDocument doc, string text, IReadOnlyList<IElement>? region)
    {
        var reasons = new List<string>();
        double meta = 0, url = 0, structure = 0;

        void Add(ref double score, double weight, string reason)
        {
            score += weight;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{(weight >= 0 ? "+" : string.Empty)}{weight:0.#} {reason}"));
        }

        // Metadata.
        switch (signals.OgType)
        {
            case "article" or "article:article" or "news" or "blog" or "newsarticle":
                Add(ref meta, 2, $"og:type {signals.OgType}");
                break;
            case "website" or "webpage":
                Add(ref meta, -0.5, $"og:type {signals.OgType}");
                break;
            case null or "":
                break;
            default:
                Add(ref meta, -1.5, $"og:type {signals.OgType}");
                break;
        }

        var articleType = signals.JsonLdTypes.FirstOrDefault(ArticleTypes.Contains);
        var listType = signals.JsonLdTypes.FirstOrDefault(ListTypes.Contains);
        if (articleType is not null)
        {
            Add(ref meta, 2.5, $"JSON-LD @type {articleType}");
        }

        if (listType is not null)
        {
            Add(ref meta, -2.5, $"JSON-LD @type {listType}");
        }
        else if (articleType is null && signals.JsonLdTypes.Any(t => t is "WebPage" or "VideoObject"))
        {
            Add(ref meta, -0.5, "JSON-LD names a WebPage but no article");
        }

        var itemArticles = signals.ItemTypes.Count(ArticleTypes.Contains);
        if (itemArticles is 1 or 2)
        {
            Add(ref meta, 1.5, "microdata article itemtype");
        }
        else if (itemArticles >= 3)
        {
            Add(ref meta, -1, $"{itemArticles} microdata article items (a list of teasers)");
        }

        if (signals.ItemTypes.FirstOrDefault(ListTypes.Contains) is { } itemList)
        {
            Add(ref meta, -1.5, $"microdata itemtype {itemList}");
        }

        if (signals.HasPublishedMetadata)
        {
            Add(ref meta, 1, "published time in metadata");
        }
        else
        {
            Add(ref meta, -1, "no published time in metadata");
        }

        // URL shape.
        if (signals.Url is { } u && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
        {
            ScoreUrl(u, (w, r) => Add(ref url, w, r));
        }

        // Structure: first, is there one body of prose?
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Lengths weighted by TextDensity (a CJK character counts twice), as PageSignals counts them; the reasons say so.
        var textLength = TextDensity.Visible(text);
        var longParagraphs = paragraphs.Count(p => TextDensity.Length(p) >= 150);
        var shortParagraphs = paragraphs.Count(p => TextDensity.Length(p) < 100);
        var chars = text.Any(TextDensity.IsDense) ? "CJK-weighted chars" : "chars";
        double body = 0;
        if (signals.ProseRun >= 4 && signals.ProseRunChars >= 800)
        {
            body = 4;
        }
        else if (signals.ProseRun >= 3 && signals.ProseRunChars >= 400)
        {
            body = 3;
        }
        else if (longParagraphs >= 4 && textLength >= 1200)
        {
            body = 2.5;
        }
        else if (signals.ProseRun >= 2 && signals.ProseRunChars >= 150)
        {
            body = 1.5;
        }

        if (body > 0)
        {
            Add(ref structure, body, $"a body of prose: {signals.ProseRun} paragraphs side by side ({signals.ProseRunChars} {chars}), {longParagraphs} long paragraphs in the text");
        }

        if (textLength < 200)
        {
            Add(ref structure, body > 0 ? -0.5 : -2, $"main text only {textLength} {chars}");
        }
        else if (textLength < 500 && body == 0)
        {
            Add(ref structure, -1, $"main text only {textLength} {chars}");
        }
        else if (textLength >= 2000 && longParagraphs >= 3)
        {
            Add(ref structure, 1, $"main text {textLength} {chars}");
        }

        // Then, do teasers and links dominate? These signals all measure the same thing, so only the
        // strongest counts; and next to a body of prose they are that article's furniture, so they count less.
        var proseChars = Math.Max(signals.ProseRunChars, longParagraphs >= 4 ? textLength : 0);
        var teasers = Math.Max(signals.HeadlineLinks, signals.LinkedHeadings);
        var density = signals.TextLength == 0 ? 1 : (double)signals.LinkTextLength / signals.TextLength;
        var regionDensity = region is { Count: > 0 } ? RegionLinkDensity(region) : 0;
        var links = new List<(double Weight, string Reason)>();
        if (body == 0 && signals.ProseParagraphs >= 3 && signals.TeaserBlocks >= 3)
        {
            links.Add((-1.5, $"{signals.ProseParagraphs} prose paragraphs, each in its own block (teaser excerpts)"));
        }

        if (signals.TeaserBlocks >= 3 && signals.TeaserChars > proseChars)
        {
            links.Add((signals.TeaserBlocks >= 6 && signals.TeaserChars > 2 * proseChars ? -4 : -3,
                $"{signals.TeaserBlocks} teasers (a link and a line, {signals.TeaserChars} {chars}) against {proseChars} {chars} of prose in one body"));
        }

        if (teasers >= 15 && proseChars < 800)
        {
            links.Add((-3, $"{teasers} headline links and only {proseChars} {chars} of prose in one body"));
        }
        else if (teasers >= 8 && proseChars < 1500 && teasers * 150 > proseChars)
        {
            links.Add((-2, $"{teasers} headline links against {proseChars} {chars} of prose"));
        }

        if (paragraphs.Length >= 8 && shortParagraphs * 10 >= paragraphs.Length * 8 && longParagraphs <= 1)
        {
            links.Add((-2, $"text is {paragraphs.Length} short blocks"));
        }

        if (signals.ArticleElements >= 5)
        {
            links.Add((-1.5, $"{signals.ArticleElements} <article> elements"));
        }

        if (density > 0.55)
        {
            links.Add((-2, $"page link density {density:0.00}"));
        }

        if (regionDensity > 0.45)
        {
            links.Add((-2, $"main region link density {regionDensity:0.00}"));
        }

        if (links.Count > 0)
        {
            var (weight, reason) = links.MinBy(l => l.Weight);
            var floor = body >= 3 ? -2 : body > 0 ? -3 : double.MinValue;
            Add(ref structure, Math.Max(weight, floor), reason + (links.Count > 1 ? $" (strongest of {links.Count} link signals)" : string.Empty));
        }
        else if (teasers <= 3 && proseChars >= 800)
        {
            Add(ref structure, 0.5, $"few headline links ({teasers})");
        }
        else if (density < 0.3 && signals.TextLength > 500)
        {
            Add(ref structure, 1, $"page link density {density:0.00}");
        }

        if (signals.ArticleElements == 1)
        {
            Add(ref structure, 0.5, "one <article> element");
        }

        if (ListingWording().IsMatch(signals.H1))
        {
            Add(ref structure, -3, "heading names search results or an archive");
        }
        else if ((signals.H1.Length >= 25 && signals.H1.Count(c => c == ' ') >= 3) || (signals.H1.Length >= 12 && signals.H1.Any(c => c > 0x2E80)))
        {
            Add(ref structure, 1, "the h1 is a headline");
        }

        if (textLength < 1500 && ErrorWording().IsMatch(signals.Heading))
        {
            Add(ref structure, -6, "heading says the page was not found");
        }

        if (textLength < 1000 && ConsentWording().Matches(text).Count >= 2)
        {
            Add(ref structure, -6, "short text about cookies, consent or a subscription");
        }
        else if (textLength < 500 && body == 0 && WallHeading().IsMatch(signals.Headings))
        {
            Add(ref structure, -6, "short text, and a heading asks for consent or a subscription");
        }

        // A live blog: JSON-LD entries, or a run of timestamped entries with their own ids in the markup.
        var markupEntries = LiveBlogParser.FromMarkup(signals);
        List<LiveBlogEntry> jsonEntries = [];
        DateTimeOffset? coverageEnd = null;
        if (signals.LiveBlogPosting is { } posting)
        {
            jsonEntries = LiveBlogParser.FromJsonLd(posting, doc, out coverageEnd);
        }

        var total = meta + url + structure;
        PageType type;
        if (structure >= StrongStructure || (structure <= -StrongStructure && body == 0))
        {
            type = structure > 0 ? PageType.Article : PageType.Other;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"structure {structure:0.#} decides (metadata {meta:0.#}, URL {url:0.#})"));
        }
        else
        {
            type = total >= 0 ? PageType.Article : PageType.Other;
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"total {total:0.#} (structure {structure:0.#}, metadata {meta:0.#}, URL {url:0.#})"));
        }

        List<LiveBlogEntry> entries = [];
        if (jsonEntries.Count > 0 && structure > -StrongStructure)
        {
            entries = LiveBlogParser.Merge(markupEntries, jsonEntries);
            reasons.Add($"JSON-LD LiveBlogPosting with {jsonEntries.Count} updates; {markupEntries.Count} timestamped entries in the markup");
        }
        else if (markupEntries.Count > 0 && (type == PageType.Article || structure > -StrongStructure))
        {
            entries = markupEntries;
            reasons.Add($"{markupEntries.Count} timestamped entries with their own ids in the markup");
        }
        else if (signals.LiveBlogPosting is not null)
        {
            reasons.Add("JSON-LD LiveBlogPosting without entries: read as an article");
        }

        if (entries.Count > 0)
        {
            type = PageType.LiveBlog;
        }

        reasons.Add("=> " + type.ToString().ToLowerInvariant());
        return new PageClassifierResult(type, reasons, entries, coverageEnd);
    }

    private static void ScoreUrl(Uri u, Action<double, string> add)
    {
        var path = Uri.UnescapeDataString(u.AbsolutePath).ToLowerInvariant();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length > 0 ? segments[^1] : string.Empty;
        var lastBase = IndexFile().Replace(last, string.Empty);
        if (segments.Length == 0 || (segments.Length == 1 && lastBase.Length == 0) || (segments.Length == 1 && last.Length <= 3 && !last.Contains('-', StringComparison.Ordinal)))
        {
            add(-3, "URL is the site's root");
        }
        else if (ListingSegment().IsMatch(path) || !string.IsNullOrEmpty(u.Query) && SearchQuery().IsMatch(u.Query))
        {
            add(-2.5, "URL names a tag, topic, author, search or category page");
        }
        else if (PageNumber().IsMatch(path))
        {
            add(-2, "URL is a numbered listing page");
        }
        else if (DateInPath().IsMatch(path) || LongId().IsMatch(last) || Slug().IsMatch(lastBase))
        {
            add(1.5, "URL has a date, an id or a headline slug");
        }
        else if (segments.Length <= 2 && lastBase.Length > 0 && !lastBase.Contains('-', StringComparison.Ordinal) && !lastBase.Contains('_', StringComparison.Ordinal))
        {
            add(-1, "URL is a short section path");
        }
    }

    private static double RegionLinkDensity(IReadOnlyList<IElement> region)
    {
        int text = 0, link = 0;
        var stack = new Stack<(IElement Element, bool InLink)>();
        foreach (var r in region)
        {
            stack.Push((r, false));
        }

        while (stack.Count > 0)
        {
            var (e, inLink) = stack.Pop();
            inLink |= e.LocalName == "a";
            var children = e.ChildNodes;
            for (var i = 0; i < children.Length; i++)
            {
                var child = children[i];
                if (child is IText t)
                {
                    var n = TextDensity.Visible(t.Data);
                    text += n;
                    link += inLink ? n : 0;
                }
                else if (child is IElement ce)
                {
                    stack.Push((ce, inLink));
                }
            }
        }

        return text == 0 ? 0 : (double)link / text;
    }

    [GeneratedRegex(@"/(tags?|topics?|themen|thema|schlagworte?|stichworte?|themes?|sujets?|etiquetas?|temas?|tema|teg|tegi|теги?|темы?|authors?|autor(en)?|auteurs?|autores?|avtor|автор|writers?|people|profiles?|journalists?|search|suche|recherche|buscar|busqueda|búsqueda|poisk|поиск|category|categories|categorie|kategorie|categoria|rubri[ck]|rubrique|ressort|section|sections|archive|archiv|archives|hemeroteca|sitemap|index)(/|$|\.)", RegexOptions.CultureInvariant)]
    private static partial Regex ListingSegment();

    [GeneratedRegex(@"(^|&|\?)(q|query|s|search|keyword|keywords|text|suche)=", RegexOptions.CultureInvariant)]
    private static partial Regex SearchQuery();

    [GeneratedRegex(@"/(page|seite|pagina|página|p)/?\d+/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"/(19|20)\d\d[/-]?(0[1-9]|1[0-2])([/-]?(0[1-9]|[12]\d|3[01]))?(/|$|\D)", RegexOptions.CultureInvariant)]
    private static partial Regex DateInPath();

    [GeneratedRegex(@"\d{5,}|[0-9a-f]{12,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongId();

    [GeneratedRegex(@"^[^-_.]+([-_][^-_.]+){3,}", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();

    [GeneratedRegex(@"^(index|default|home|start)?\.(html?|php|aspx?|jsp)$|^(index|default|home|start)$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexFile();

    [GeneratedRegex(@"\b404\b|not found|page (?:does not|doesn't|cannot be|can't be) (?:exist|found)|nicht gefunden|existiert nicht|introuvable|n'existe pas|no encontrada|no existe|не найдена|не существует|ошибка 404|見つかりません|存在しません|ページが見つかりません", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ErrorWording();

    [GeneratedRegex(@"search results|results for|suchergebnisse|ergebnisse für|résultats de (?:la )?recherche|résultats pour|resultados de (?:la )?búsqueda|resultados para|результаты поиска|検索結果", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListingWording();

    [GeneratedRegex(@"cookie|consent|your privacy|datenschutz|privatsphäre|einwillig|keep reading|continue reading|subscribers only|for subscribers|réservé aux abonnés|mit abo\b|für abonnenten|seguir leyendo|para suscriptores|по подписке|подписчикам|有料会員|会員限定|クッキー", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WallHeading();

    [GeneratedRegex(@"\bcookies?\b|\bconsent\b|\bsubscribe\b|\bsubscription\b|\bsubscribers?\b|einwillig|zustimm|\babonn|\bdatenschutz|consentement|\bsuscri|\bcookies\b|согласи|подписк|同意|購読|有料会員", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConsentWording();
}

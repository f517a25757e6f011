using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Extracts a news page's metadata and main text: finds the body region (explicit markers, then
/// Readability-style scoring), prunes furniture inside it by tag, class, link density and wording, and
/// assembles the text without inserting spaces between inline elements. Stateless and thread-safe.
/// Every page has a bounded cost: a linear scan refuses markup too deep, too large or too misnested for the
/// HTML tree builder, and a time budget (<see cref="ExtractionOptions"/>) bounds the rest; both end in
/// <see cref="PageTooComplexException"/>.
/// </summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    // Comments and source positions are never read: the tokenizer skips building them.
    private static readonly HtmlParserOptions ParserOptions = new() { IsScripting = false, SkipComments = true, DisableElementPositionTracking = true };

    /// <summary>Below this many characters the first method's text counts as a miss and the second method is tried.</summary>
    private const int FallbackBelow = 250;

    /// <summary>A lead above the body container is a paragraph of at least this many characters (a one-line subtitle is not joined).</summary>
    private const int LeadMin = 100;

    // A parser holds its browsing context (configuration, services); building one costs more than a small page's parse.
    // One per thread, since a parser is not meant to be shared by parses running at once.
    [ThreadStatic]
    private static HtmlParser? t_parser;

    private static readonly Lazy<bool> Warm = new(WarmUp, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ExtractionOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an extractor.</summary>
    /// <param name="options">Limits per page; the defaults when null.</param>
    /// <param name="timeProvider">The clock for the time budget and for judging dates in the future; the system clock when null.</param>
    public ArticleExtractor(ExtractionOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new ExtractionOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Article Extract(string html, Uri? pageUrl) => Extract(html, pageUrl, CancellationToken.None);

    /// <inheritdoc />
    public Article Extract(string html, Uri? pageUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(html);
        cancellationToken.ThrowIfCancellationRequested();

        // The first page of a process pays for compiling the extractor's code (seconds on a busy machine):
        // that is paid once, outside any page's budget, so a cold start never makes a normal page "too complex".
        _ = Warm.Value;
        using var budget = new ExtractionBudget(_options.BudgetFor(html.Length), _timeProvider, cancellationToken);
        try
        {
            return Extract(html, pageUrl, budget);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new PageTooComplexException("a pattern took too long on this page's text", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PageTooComplexException($"extraction took longer than its budget of {_options.BudgetFor(html.Length).TotalSeconds:0.#} s", ex);
        }
    }

    private Article Extract(string html, Uri? pageUrl, ExtractionBudget budget)
    {
        // The parser gets the page without the content of scripts and style sheets, which it would only skip over.
        // The document is disposed before the markup it was parsed from (using: reverse order).
        using var markup = MarkupScanner.Prepare(html, _options, budget);
        using var doc = markup.Parse(t_parser ??= new HtmlParser(ParserOptions));
        budget.Check();

        var meta = MetadataReader.ReadMeta(doc);
        var jsonLd = MetadataReader.ReadJsonLd(doc);
        var title = MetadataReader.ReadTitle(doc, meta, jsonLd);
        var url = MetadataReader.ReadUrl(doc, meta, pageUrl);
        var language = MetadataReader.ReadLanguage(doc, meta);
        var now = _timeProvider.GetUtcNow();
        var modified = MetadataReader.ReadModified(doc, meta, jsonLd, now);
        var author = MetadataReader.ReadAuthor(meta, jsonLd);
        var siteName = MetadataReader.ReadSiteName(meta, jsonLd);
        var headlines = Headlines(doc, title, jsonLd);

        // A page whose text sits in <noscript> (by design, or because an unclosed tag inside one swallowed the rest of
        // the page) is read from there, by the page signals too; else the noscript elements go before anything is measured.
        var (junk, noscripts) = FindJunk(doc, budget);
        RemoveOrReadNoscript(doc, noscripts, junk);
        var signals = PageSignals.Read(doc, meta, jsonLd, url ?? pageUrl);

        // Metadata is read; now remove what never holds body text, so that text measures count prose only.
        foreach (var e in junk)
        {
            e.Remove();
        }

        budget.Check();

        var root = doc.Body ?? doc.DocumentElement;
        if (root is null)
        {
            return PageClassifier.Classify(signals, doc, string.Empty, null).ApplyTo(
                new Article(url, title, MetadataReader.ReadPublished(doc, meta, jsonLd, null, now), language, string.Empty)
                {
                    ModifiedAt = modified, Author = author, SiteName = siteName,
                });
        }

        var page = PageModel.Build(root, budget);
        var region = ContentFinder.Find(page);
        var published = MetadataReader.ReadPublished(doc, meta, jsonLd, region.Count > 0 ? region[0] : null, now);
        var text = RegionPruner.Text(page, region, headlines);
        var read = region;

        // The lead paragraph right above the body container (a standfirst the page styles apart from the body) is read with it.
        if (region.Count > 0 && text.Length >= FallbackBelow && LeadBefore(page, region[0]) is { } lead)
        {
            var joined = RegionPruner.Text(page, [lead, .. region], headlines);
            if (joined.Length > text.Length)
            {
                (text, read) = (joined, [lead, .. region]);
            }
        }

        // The standfirst under the headline, when it sits apart from both.
        if (text.Length >= FallbackBelow && HeaderLead.Find(page, read, title) is { } dek)
        {
            var joined = RegionPruner.Text(page, [dek, .. read], headlines);
            text = joined.Length > text.Length ? joined : text;
        }

        // Second method, only when the first found (almost) nothing: keep its result if it reads at least twice as much.
        if (text.Length < FallbackBelow)
        {
            page.Budget.Check();
            var blocks = ParagraphFallback.Blocks(page);
            if (blocks.Count > 0)
            {
                var fallback = RegionPruner.Text(page, blocks, headlines);
                if (fallback.Length >= 2 * text.Length + 100)
                {
                    text = fallback;
                }
            }
        }

        // The page's own summary is evidence of where its article is: a body that misses it is checked again.
        if (PageEvidence.Read(meta, jsonLd) is { } evidence)
        {
            page.Budget.Check();
            text = EvidenceCheck.Apply(page, region, text, evidence, headlines);
        }

        text = StructuredBody.Apply(text, jsonLd); // a recipe or how-to the body misses, from JSON-LD
        text = ReaderText.Clean(text);
        return PageClassifier.Classify(signals, doc, text, region).ApplyTo(
            new Article(url, title, published, language, text) { ModifiedAt = modified, Author = author, SiteName = siteName });
    }

    /// <summary>
    /// The lead paragraph right above the body container: the nearest element with text before it (or before one of
    /// its two nearest ancestors), past short lines such as a byline or a date, when it is prose (100 to 1,000
    /// characters, few links, no heading, not furniture); or, when that element is the article's header (it holds the
    /// h1), its last paragraph after the headline.
    /// </summary>
    private static IElement? LeadBefore(PageModel page, IElement first)
    {
        var e = first;
        for (var level = 0; level < 3 && e is not null && e != page.Root; level++, e = e.ParentElement)
        {
            var seen = 0;
            for (var sib = page.PreviousElementSibling(e); sib is not null && seen < 4; sib = page.PreviousElementSibling(sib))
            {
                var stats = page.Stats(sib);
                if (stats.TextLength == 0)
                {
                    continue;
                }

                seen++;
                if (stats.TextLength < LeadMin)
                {
                    continue;
                }

                if (IsLead(page, sib) && sib.QuerySelector("h1, h2, h3, ul, ol, table, figure") is null)
                {
                    return sib;
                }

                // The article's header (its headline, then the lead): the last paragraph after the headline.
                if (sib.QuerySelector("h1") is { } h1 && sib.QuerySelectorAll("p").LastOrDefault() is { } last
                    && page.Order(last) > page.Order(h1) && IsLead(page, last) && last.QuerySelector("ul, ol, table, figure") is null)
                {
                    return last;
                }

                return null;
            }
        }

        return null;
    }

    private static bool IsLead(PageModel page, IElement e)
    {
        var stats = page.Stats(e);
        return stats.TextLength is >= LeadMin and <= 1000 && stats.LinkDensity < 0.2 && !page.IsInFurnitureOutsideArticleHeader(e)
            && e.LocalName is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "table" or "figure");
    }

    private static bool WarmUp()
    {
        const string Sample = """
            <!doctype html><html lang="en"><head><title>Ferries resume - Harbour Times</title>
            <meta property="og:title" content="Ferries resume"><meta property="article:published_time" content="2020-05-01T10:00:00Z">
            <meta property="og:site_name" content="Harbour Times"><link rel="canonical" href="https://example.test/news/ferries">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferries resume","author":{"name":"Jane Doe"},"dateModified":"2020-05-02"}</script>
            <noscript><img src="x"></noscript></head><body><header><nav><a href="/">Home</a></nav></header>
            <main><article><h1>Ferries resume</h1><p class="byline">By Jane Doe</p><time datetime="2020-05-01">May 1</time>
            <div class="article-body"><p>The ferry service resumes on Monday, the port said, after a strike that lasted two weeks.</p>
            <figure><img alt="A ferry"><figcaption>A ferry. Photo: Getty Images</figcaption></figure><p>Share</p>
            <p>Passengers should check the timetable, which changes on <b>Monday</b>, <i>the port</i> added.<br>Tickets stay valid.</p>
            <ul><li>Route one</li><li>Route two</li></ul><table><tr><td>Mon</td><td>9:00</td></tr></table></div>
            <aside class="related"><a href="/a">Related story</a></aside></article></main><footer>(c) Harbour Times</footer></body></html>
            """;
        // A failure here must not be cached by the Lazy and thrown at every page: the warm-up is only an optimisation.
        try
        {
            using var budget = ExtractionBudget.Unlimited();
            new ArticleExtractor().Extract(Sample, new Uri("https://example.test/news/ferries"), budget);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>
    /// Finds the elements that never hold body text (<see cref="BoilerplateRules.JunkTags"/>) in one walk of the tree
    /// (iterative: no recursion follows the page's depth), and the &lt;noscript&gt; elements, each in document order.
    /// </summary>
    private static (List<IElement> Junk, List<IElement> Noscripts) FindJunk(IDocument doc, ExtractionBudget budget)
    {
        var noscripts = new List<IElement>();
        var junk = new List<IElement>();
        if (doc.DocumentElement is not { } top)
        {
            return (junk, noscripts);
        }

        var stack = new Stack<IElement>();
        stack.Push(top);
        var visited = 0;
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if ((++visited & 0xFFF) == 0)
            {
                budget.Check();
            }

            var name = e.LocalName;
            if (BoilerplateRules.JunkTags.Contains(name))
            {
                if (name != "noscript")
                {
                    junk.Add(e);
                    continue;
                }

                noscripts.Add(e);
            }

            // ChildNodes is an indexed list (Children re-walks on every index).
            var children = e.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        return (junk, noscripts);
    }

    /// <summary>
    /// &lt;noscript&gt; holds what a browser without scripts shows. Most pages use it for tracking pixels and
    /// "enable JavaScript" notes, so it goes; but a page whose text is there and (almost) nowhere else is read from it.
    /// </summary>
    /// <param name="doc">The document, its junk (<paramref name="junk"/>) not removed yet: its text is left out of both measures.</param>
    /// <param name="noscripts">The noscript elements, in document order.</param>
    /// <param name="junk">The elements that never hold body text, to be removed after this.</param>
    private static void RemoveOrReadNoscript(IDocument doc, List<IElement> noscripts, List<IElement> junk)
    {
        if (noscripts.Count == 0)
        {
            return;
        }

        // The whole body's text is measured only when the noscript text is long enough to be read at all.
        var inside = noscripts.Where(n => n.ParentElement?.Closest("noscript") is null).Sum(n => VisibleLength(n.TextContent));
        var read = false;
        if (inside >= 500)
        {
            int junkInside = 0, junkOutside = 0;
            foreach (var e in junk)
            {
                var length = VisibleLength(e.TextContent);
                if (e.Closest("noscript") is null)
                {
                    junkOutside += length;
                }
                else
                {
                    junkInside += length;
                }
            }

            var outside = VisibleLength(doc.Body?.TextContent ?? string.Empty) - inside - junkOutside;
            read = inside - junkInside >= 500 && outside < 500;
        }

        foreach (var n in noscripts)
        {
            if (!read)
            {
                n.Remove();
            }
            else if (n.ParentElement is { } parent)
            {
                // Unwrap: its children take its place.
                foreach (var child in n.ChildNodes.ToList())
                {
                    parent.InsertBefore(child, n);
                }

                n.Remove();
            }
        }
    }

    private static int VisibleLength(string s) => s.Count(c => !char.IsWhiteSpace(c));

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

using System.Runtime.InteropServices;
using System.Text.Json;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// What the page classifier needs to know about a page, gathered in one iterative pass over the parsed
/// document before the extractor removes anything: metadata types, links, prose paragraphs and runs of
/// timestamped elements that may be live-blog entries. No recursion follows the document's depth.
/// </summary>
internal sealed class PageSignals
{
    private static readonly HashSet<string> SkippedTags = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "title", "select", "option", "textarea",
    };

    private PageSignals()
    {
    }

    /// <summary>og:type, lower-cased, or null.</summary>
    public string? OgType { get; private set; }

    /// <summary>Every JSON-LD @type of the page (top level, arrays and @graph), as written.</summary>
    public List<string> JsonLdTypes { get; } = [];

    /// <summary>The JSON-LD LiveBlogPosting object, if the page has one.</summary>
    public JsonElement? LiveBlogPosting { get; private set; }

    /// <summary>Microdata itemtype names (the last path segment of each itemtype URL), one per element.</summary>
    public List<string> ItemTypes { get; } = [];

    /// <summary>Whether a meta tag, JSON-LD or microdata names a published time (a bare &lt;time&gt; does not count).</summary>
    public bool HasPublishedMetadata { get; private set; }

    /// <summary>Non-whitespace characters of visible text in the body, and how many of them are inside links.</summary>
    public int TextLength { get; private set; }

    /// <inheritdoc cref="TextLength"/>
    public int LinkTextLength { get; private set; }

    /// <summary>Number of &lt;article&gt; elements.</summary>
    public int ArticleElements { get; private set; }

    /// <summary>Links with headline-length text (at least 25 characters) that lead off the page: one per teaser.</summary>
    public int HeadlineLinks { get; private set; }

    /// <summary>Headings (h1–h4) that hold a link off the page: the headline of a teaser.</summary>
    public int LinkedHeadings { get; private set; }

    /// <summary>Teasers: small blocks that are one headline link and a line of text.</summary>
    public int TeaserBlocks { get; private set; }

    /// <summary>Characters of the <see cref="TeaserBlocks"/>.</summary>
    public int TeaserChars { get; private set; }

    /// <summary>Paragraphs of prose: &lt;p&gt; with at least 80 characters, mostly not link text.</summary>
    public int ProseParagraphs { get; private set; }

    /// <summary>The largest number of prose paragraphs that sit side by side in one container (a body of text).</summary>
    public int ProseRun { get; private set; }

    /// <summary>Characters of the paragraphs in <see cref="ProseRun"/>.</summary>
    public int ProseRunChars { get; private set; }

    /// <summary>The first &lt;h1&gt;'s text and the &lt;title&gt;, for error-page wording.</summary>
    public string Heading { get; private set; } = string.Empty;

    /// <summary>The first &lt;h1&gt;'s text (at most a few hundred characters).</summary>
    public string H1 { get; private set; } = string.Empty;

    /// <summary>The text of the page's h1–h4 headings, one a line (at most a few thousand characters).</summary>
    public string Headings { get; private set; } = string.Empty;

    /// <summary>The page's URL (fetched or canonical), for its shape; null for a local file without a canonical link.</summary>
    public Uri? Url { get; private set; }

    /// <summary>Elements with their own id that hold a timestamp, grouped by their parent, in document order.</summary>
    public List<List<(IElement Entry, IElement Time)>> TimedRuns { get; } = [];

    /// <summary>Reads the signals from <paramref name="doc"/>.</summary>
    public static PageSignals Read(IDocument doc, IReadOnlyDictionary<string, string> meta, IReadOnlyList<JsonElement> jsonLd, Uri? url)
    {
        var s = new PageSignals { Url = url };
        if (url is null && meta.TryGetValue("og:url", out var ogUrl) && Uri.TryCreate(ogUrl.Trim(), UriKind.Absolute, out var og1))
        {
            s.Url = og1;
        }

        s.OgType = meta.TryGetValue("og:type", out var ogType) ? ogType.Trim().ToLowerInvariant() : null;
        s.HasPublishedMetadata = meta.Keys.Any(k => k.Contains("published", StringComparison.OrdinalIgnoreCase) || k.Equals("date", StringComparison.OrdinalIgnoreCase)
            || k.Equals("pubdate", StringComparison.OrdinalIgnoreCase) || k.Equals("dc.date", StringComparison.OrdinalIgnoreCase));
        foreach (var item in jsonLd)
        {
            ReadJsonLdTypes(item, s);
        }

        if (doc.DocumentElement is { } root)
        {
            s.Walk(root);
        }

        return s;
    }

    private static void ReadJsonLdTypes(JsonElement item, PageSignals s)
    {
        if (!item.TryGetProperty("@type", out var type))
        {
            return;
        }

        var types = new List<string>();
        if (type.ValueKind == JsonValueKind.String)
        {
            types.Add(type.GetString()!);
        }
        else if (type.ValueKind == JsonValueKind.Array)
        {
            types.AddRange(type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
        }

        foreach (var t in types)
        {
            var name = t.Contains('/', StringComparison.Ordinal) ? t[(t.LastIndexOf('/') + 1)..] : t;
            s.JsonLdTypes.Add(name);
            if (name.Equals("LiveBlogPosting", StringComparison.OrdinalIgnoreCase) && s.LiveBlogPosting is null)
            {
                s.LiveBlogPosting = item;
            }
        }

        if (item.TryGetProperty("datePublished", out var p) && p.ValueKind == JsonValueKind.String && PageClassifier.IsArticleType(types))
        {
            s.HasPublishedMetadata = true;
        }
    }

    private void Walk(IElement root)
    {
        // (node, exit): an element is pushed a second time to mark its end, so per-element sums close there.
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        IElement? link = null;
        int linkText = 0;
        IElement? heading = null;
        var headingHasLink = false;
        IElement? paragraph = null;
        int paragraphText = 0, paragraphLink = 0;
        var inBody = false;
        var proseByContainer = new Dictionary<INode, (int Count, int Chars)>();
        var timedByParent = new Dictionary<INode, List<(IElement, IElement)>>();
        var seenEntries = new HashSet<IElement>();
        var aggs = new List<Block>();
        var h1Text = new System.Text.StringBuilder();
        bool h1Seen = false, inFirstH1 = false;
        var headings = new System.Text.StringBuilder();
        var title = string.Empty;

        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                if (!inBody)
                {
                    continue;
                }

                var n = CountVisible(text.Data);
                if (aggs.Count > 0)
                {
                    ref var top = ref CollectionsMarshal.AsSpan(aggs)[^1];
                    top.Text += n;
                    top.Link += link is not null ? n : 0;
                }

                if (heading is not null && headings.Length < 2000)
                {
                    headings.Append(text.Data);
                }

                if (inFirstH1 && h1Text.Length < 300)
                {
                    h1Text.Append(text.Data);
                }

                TextLength += n;
                if (link is not null)
                {
                    LinkTextLength += n;
                    linkText += n;
                }

                if (paragraph is not null)
                {
                    paragraphText += n;
                    paragraphLink += link is not null ? n : 0;
                }

                continue;
            }

            if (node is not IElement e)
            {
                continue;
            }

            var tag = e.LocalName;
            if (exit)
            {
                CloseBlock(e, aggs, e == link && linkText >= 20 && LeadsOffPage(e));
                if (e == link)
                {
                    if (linkText >= 25 && LeadsOffPage(e))
                    {
                        HeadlineLinks++;
                    }

                    link = null;
                }
                else if (e == heading)
                {
                    inFirstH1 = false;
                    headings.Append('\n');
                    if (headingHasLink)
                    {
                        LinkedHeadings++;
                    }

                    heading = null;
                }
                else if (e == paragraph)
                {
                    if (paragraphText >= 80 && paragraphLink * 3 < paragraphText)
                    {
                        ProseParagraphs++;
                        var container = ProseContainer(e);
                        var (count, chars) = proseByContainer.GetValueOrDefault(container);
                        proseByContainer[container] = (count + 1, chars + paragraphText);
                    }

                    paragraph = null;
                }

                continue;
            }

            if (tag == "link" && Url is null && e.GetAttribute("rel") is { } rel && rel.Contains("canonical", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(e.GetAttribute("href")?.Trim(), UriKind.Absolute, out var canonical))
            {
                // Only for the URL's shape: a canonical link to the home page says the page is the home page.
                Url = canonical;
            }

            if (tag == "title" && title.Length == 0)
            {
                title = e.TextContent;
            }

            if (SkippedTags.Contains(tag))
            {
                continue;
            }

            if (tag == "body")
            {
                inBody = true;
            }

            switch (tag)
            {
                case "a" when link is null:
                    link = e;
                    linkText = 0;
                    if (heading is not null && LeadsOffPage(e))
                    {
                        headingHasLink = true;
                    }

                    break;
                case "h1" or "h2" or "h3" or "h4" when heading is null:
                    heading = e;
                    headingHasLink = false;
                    inFirstH1 = tag == "h1" && !h1Seen;
                    h1Seen |= tag == "h1";

                    break;
                case "p" when paragraph is null:
                    paragraph = e;
                    paragraphText = paragraphLink = 0;
                    break;
                case "article":
                    ArticleElements++;
                    break;
                case "time":
                    AddTimed(e, timedByParent, seenEntries);
                    break;
            }

            // One look at the attributes (most elements have none or one or two).
            foreach (var attr in e.Attributes)
            {
                switch (attr.Name)
                {
                    case "itemtype" when attr.Value.Length > 0:
                        foreach (var t in attr.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        {
                            ItemTypes.Add(t[(t.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/'));
                        }

                        break;
                    case "itemprop" when attr.Value.Contains("datePublished", StringComparison.OrdinalIgnoreCase):
                        HasPublishedMetadata = true;
                        break;
                    case "datetime" when tag != "time":
                        AddTimed(e, timedByParent, seenEntries);
                        break;
                }
            }

            aggs.Add(default);
            stack.Push((e, true));
            var children = e.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement or IText)
                {
                    stack.Push((children[i], false));
                }
            }
        }

        H1 = TextAssembler.CollapseWhitespace(h1Text.ToString()).Trim();
        Heading = H1 + "\n" + title;
        Headings = headings.ToString();
        foreach (var (count, chars) in proseByContainer.Values)
        {
            if (count > ProseRun || (count == ProseRun && chars > ProseRunChars))
            {
                ProseRun = count;
                ProseRunChars = chars;
            }
        }

        foreach (var run in timedByParent.Values)
        {
            if (run.Count >= 2)
            {
                TimedRuns.Add(run);
            }
        }
    }

    /// <summary>
    /// Closes an element's running sums: a block with exactly one headline link, at most a few hundred
    /// characters and a line of its own text beside the link is a teaser; its sums go to its parent.
    /// </summary>
    private void CloseBlock(IElement e, List<Block> aggs, bool isHeadlineLink)
    {
        var block = aggs[^1];
        aggs.RemoveAt(aggs.Count - 1);
        if (isHeadlineLink)
        {
            block.Headlines++;
        }

        if (!block.HasTeaser && block.Headlines == 1 && block.Text <= 600 && block.Text - block.Link >= 40
            && e.LocalName is "li" or "article" or "div" or "section" or "figure" or "dd" or "td")
        {
            TeaserBlocks++;
            TeaserChars += block.Text;
            block.HasTeaser = true;
        }

        if (aggs.Count > 0)
        {
            ref var parent = ref CollectionsMarshal.AsSpan(aggs)[^1];
            parent.Text += block.Text;
            parent.Link += block.Link;
            parent.Headlines += block.Headlines;
            parent.HasTeaser |= block.HasTeaser;
        }
    }

    /// <summary>
    /// Records the nearest ancestor of a timestamp that has its own id (at most a few levels up), as one
    /// candidate entry under its parent.
    /// </summary>
    private static void AddTimed(IElement time, Dictionary<INode, List<(IElement, IElement)>> byParent, HashSet<IElement> seen)
    {
        var e = time.ParentElement;
        for (var depth = 0; e is not null && depth < 8; depth++, e = e.ParentElement)
        {
            if (e.LocalName is "body" or "html" or "main")
            {
                return;
            }

            if (LiveBlogParser.OwnId(e) is not null)
            {
                if (seen.Add(e) && e.ParentElement is { } parent)
                {
                    if (!byParent.TryGetValue(parent, out var list))
                    {
                        byParent[parent] = list = [];
                    }

                    list.Add((e, time));
                }

                return;
            }
        }
    }

    /// <summary>The container a paragraph belongs to: above any wrapper that holds this paragraph alone.</summary>
    private static INode ProseContainer(IElement p)
    {
        var e = p;
        for (var i = 0; i < 3 && e.ParentElement is { } parent && parent.LocalName is "div" or "span" or "section"
            && parent.FirstElementChild == e && parent.LastElementChild == e; i++)
        {
            e = parent;
        }

        return (INode?)e.ParentElement ?? e;
    }

    private static bool LeadsOffPage(IElement a)
    {
        var href = a.GetAttribute("href");
        return !string.IsNullOrWhiteSpace(href) && !href.TrimStart().StartsWith('#')
            && !href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) && !href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
    }

    private struct Block
    {
        public int Text;
        public int Link;
        public int Headlines;
        public bool HasTeaser;
    }

    /// <summary>Visible characters, weighted as the classifier weighs them (<see cref="TextDensity"/>: a CJK character counts twice).</summary>
    private static int CountVisible(string s) => TextDensity.Visible(s);
}

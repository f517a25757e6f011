using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>Decides which elements inside the body region are furniture, then assembles the remaining text.</summary>
internal static partial class RegionPruner
{
    /// <summary>The region's article text, paragraphs separated by blank lines.</summary>
    /// <param name="page">The page.</param>
    /// <param name="region">The body region's elements in document order.</param>
    /// <param name="headlines">The page's headlines (a leading block equal to one is dropped).</param>
    /// <param name="keep">An element inside the region that is kept whatever the pruning rules say (with its ancestors in the region).</param>
    public static string Text(PageModel page, List<IElement> region, IReadOnlyCollection<string> headlines, IElement? keep = null)
    {
        var regionLength = Math.Max(1, region.Sum(page.TextLength));
        var roots = new HashSet<IElement>(region);
        for (var k = keep; k is not null && !region.Contains(k); k = k.ParentElement)
        {
            roots.Add(k);
        }

        var firstH1 = page.Elements.FirstOrDefault(x => x.LocalName == "h1");
        var imageAlts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in region)
        {
            foreach (var img in root.QuerySelectorAll("img[alt]"))
            {
                if (img.GetAttribute("alt") is { Length: > 10 } alt)
                {
                    imageAlts.Add(TextAssembler.CollapseWhitespace(alt).Trim());
                }
            }
        }

        var regionBlocks = BlockNames(region);

        bool Skip(IElement e)
        {
            if (roots.Contains(e))
            {
                return false;
            }

            var stats = page.Stats(e);
            var big = stats.TextLength > regionLength / 2;
            if (page.Boilerplate.Contains(e) && !big && !(!page.IsStrongFurniture(e) && IsElementOf(e, regionBlocks)))
            {
                return true;
            }

            // Furniture by tag, role, visibility or comment markers (a sidebar <aside> beside a short article) goes
            // even when it holds half of the region, as long as the rest holds a fifth of it.
            if (big && page.IsStrongFurniture(e) && stats.TextLength <= 0.8 * regionLength)
            {
                return true;
            }

            if (IsCaption(page, e, imageAlts))
            {
                return true;
            }

            if (!big && IsTeaserCard(page, e))
            {
                return true;
            }

            switch (e.LocalName)
            {
                case "figcaption":
                    return true;
                case "figure":
                    return e.QuerySelector("table, blockquote") is null && !big;
                case "form":
                    return !big;
                case "h1":
                    // The page's first h1 is its headline; later ones are subheadings written as h1.
                    return e == firstH1;
                case "ul" or "ol":
                    return !big && IsLinkList(page, e);
                case "table":
                    return stats.TextLength > 0 && stats.LinkDensity > 0.8 && !big;
                case "div" or "section" or "dl" or "nav":
                    return stats.TextLength > 0 && stats.LinkDensity > 0.5 && !big;
                case "p" or "h2" or "h3" or "h4" or "h5" or "h6":
                    return (stats.TextLength > 0 && stats.LinkDensity > 0.8 && stats.TextLength < 500 && !IsAddress(e)) || IsLabelledLink(page, e);
                case "blockquote":
                    return IsLabelledLink(page, e);
                default:
                    return false;
            }
        }

        var blocks = TextAssembler.Blocks(region, Skip, page.Budget);
        var cleaned = TextCleaner.Clean(blocks, headlines);
        return string.Join("\n\n", cleaned);
    }

    /// <summary>
    /// A paragraph that is one web or mail address, written out: the reader is given the address itself (a petition's
    /// site, a contact), which is part of the text, unlike a link named after another page.
    /// </summary>
    private static bool IsAddress(IElement e)
    {
        var text = e.TextContent.Trim();
        return text.Length is > 0 and <= 200 && Address().IsMatch(text);
    }

    /// <summary>
    /// A paragraph that is a short label ending in a colon and one link to another page after it, and nothing else
    /// ("See also: <c>&lt;a&gt;</c>Title of another article<c>&lt;/a&gt;</c>"): a pointer to another article set between
    /// the body's paragraphs, whatever the label's language. A written-out address as the link stays (it is a contact).
    /// </summary>
    private static bool IsLabelledLink(PageModel page, IElement e)
    {
        var length = page.TextLength(e);
        if (length is < 20 or > MaxLabelledLink || page.Stats(e).LinkDensity is < 0.25)
        {
            return false;
        }

        IElement? link = null;
        foreach (var a in e.QuerySelectorAll("a"))
        {
            if (link is not null)
            {
                return false;
            }

            link = a;
        }

        if (link is null || link.GetAttribute("href") is not { Length: > 1 } href || href.StartsWith('#'))
        {
            return false;
        }

        var text = TextAssembler.CollapseWhitespace(e.TextContent).Trim();
        var linkText = TextAssembler.CollapseWhitespace(link.TextContent).Trim();
        if (linkText.Length < 10 || !text.EndsWith(linkText, StringComparison.Ordinal) || Address().IsMatch(linkText))
        {
            return false;
        }

        var label = text[..^linkText.Length].TrimEnd();
        return label.Length is >= 3 and <= MaxLinkLabel && label.EndsWith(':') && label.IndexOfAny(['.', '!', '?', ';']) < 0;
    }

    /// <summary>
    /// A teaser card set between the body's paragraphs: a short box (not a paragraph, holding no h1) with a heading or an image
    /// that points to another page, either by a link on its heading or by a link that closes it after a finished
    /// sentence or in a block of its own ("<c>&lt;h2&gt;&lt;a&gt;</c>Other story<c>&lt;/a&gt;&lt;/h2&gt;&lt;p&gt;</c>Teaser ...
    /// <c>&lt;a&gt;</c>more<c>&lt;/a&gt;</c>", a magazine cover with "Go to the issue"). Cost: only for boxes of 20 to
    /// <see cref="MaxTeaserCard"/> characters, one query of their own descendants.
    /// </summary>
    private static bool IsTeaserCard(PageModel page, IElement e)
    {
        var name = e.LocalName;
        if (!(name is "div" or "section" or "aside" || name.Contains('-', StringComparison.Ordinal)))
        {
            return false;
        }

        var length = page.TextLength(e);
        if (length is < 20 or > MaxTeaserCard)
        {
            return false;
        }

        IElement? heading = null, lastLink = null;
        var image = false;
        foreach (var d in e.QuerySelectorAll("*"))
        {
            switch (d.LocalName)
            {
                case "h1":
                    return false;
                case "h2" or "h3" or "h4" or "h5" or "h6" when heading is null && page.TextLength(d) > 0:
                    heading = d;
                    break;
                case "img" or "picture" or "svg":
                    image = true;
                    break;
                case "p" or "li" or "table" or "blockquote" when page.TextLength(d) > MaxTeaserCard / 2:
                    return false;
            }

            if (IsLinkToPage(d) && page.TextLength(d) > 0)
            {
                lastLink = d;
            }
        }

        if (heading is null && !image)
        {
            return false;
        }

        if (heading is not null && page.TextLength(heading) >= MinTeaserHeadline && (heading.Closest("[href]") is { } up && e.Contains(up) && IsLinkToPage(up)
            || heading.QuerySelector("a[href]") is { } inner && IsLinkToPage(inner) && page.TextLength(inner) * 2 > page.TextLength(heading)))
        {
            return true;
        }

        if (lastLink is null || !EndsWith(e, lastLink))
        {
            return false;
        }

        // What comes before the closing link ends a sentence or a block of its own.
        var before = TextBefore(e, lastLink);
        return before.Length > 0 && (before[^1] is '.' or '!' or '?' || lastLink.PreviousElementSibling is { } p && p.LocalName is not ("a" or "b" or "strong" or "span" or "em" or "i") && before.EndsWith(TextAssembler.CollapseWhitespace(p.TextContent).Trim(), StringComparison.Ordinal));
    }

    /// <summary>A teaser card is at most this long (non-space characters).</summary>
    private const int MaxTeaserCard = 400;

    /// <summary>A linked heading that makes a box a teaser card is at least this long: a shorter one is a kicker (a section's name).</summary>
    private const int MinTeaserHeadline = 20;

    private static bool IsLinkToPage(IElement e) =>
        e.GetAttribute("href") is { Length: > 1 } href && !href.StartsWith('#') && !href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when no text follows <paramref name="link"/> inside <paramref name="box"/>.</summary>
    private static bool EndsWith(IElement box, IElement link)
    {
        for (var n = (INode)link; n != box && n is not null; n = n.Parent!)
        {
            for (var s = n.NextSibling; s is not null; s = s.NextSibling)
            {
                if (!string.IsNullOrWhiteSpace(s.TextContent))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The box's text before the link, whitespace collapsed and trimmed.</summary>
    private static string TextBefore(IElement box, IElement link)
    {
        var all = TextAssembler.CollapseWhitespace(box.TextContent).TrimEnd();
        var own = TextAssembler.CollapseWhitespace(link.TextContent).Trim();
        return all.EndsWith(own, StringComparison.Ordinal) ? all[..^own.Length].TrimEnd() : string.Empty;
    }

    /// <summary>A labelled link paragraph is at most this long (non-space characters).</summary>
    private const int MaxLabelledLink = 250;

    /// <summary>Its label is at most this long.</summary>
    private const int MaxLinkLabel = 40;

    /// <summary>The region's own class names ("gallery-main-content"), the blocks its parts are named after in BEM style.</summary>
    private static List<string> BlockNames(List<IElement> region) =>
        region.SelectMany(r => BoilerplateRules.Bounded(r.GetAttribute("class")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(c => c.Length >= 6 && !c.Contains("__", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A BEM element of the region's own block ("gallery-main-content__item" inside "gallery-main-content") is a part
    /// of the body the region was chosen as, whatever furniture words its block name holds.
    /// </summary>
    private static bool IsElementOf(IElement e, List<string> blocks)
    {
        if (blocks.Count == 0 || e.GetAttribute("class") is not { Length: > 0 } cls)
        {
            return false;
        }

        foreach (var token in BoilerplateRules.Bounded(cls).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var b in blocks)
            {
                if (token.Length > b.Length + 2 && token.StartsWith(b, StringComparison.Ordinal) && token.AsSpan(b.Length).StartsWith("__", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A list is navigation when most of its items are nothing but a link; a list whose items open with a
    /// link and go on in prose (a news roundup) is body text.
    /// </summary>
    private static bool IsLinkList(PageModel page, IElement list)
    {
        int items = 0, linkItems = 0;
        foreach (var li in list.Children)
        {
            var s = page.Stats(li);
            if (s.TextLength == 0)
            {
                continue;
            }

            items++;
            if (s.LinkDensity > 0.7)
            {
                linkItems++;
            }
        }

        return items > 0 ? linkItems * 2 > items : page.Stats(list).LinkDensity > 0.5;
    }

    /// <summary>
    /// A caption outside &lt;figcaption&gt;: a short element that repeats an image's alt text, or a short
    /// paragraph right after an image-only block.
    /// </summary>
    private static bool IsCaption(PageModel page, IElement e, HashSet<string> imageAlts)
    {
        var length = page.TextLength(e);
        if (length == 0 || length > 150 || e.LocalName is not ("p" or "span" or "div" or "em" or "i" or "small"))
        {
            return false;
        }

        if (imageAlts.Count > 0 && imageAlts.Contains(TextAssembler.CollapseWhitespace(e.TextContent).Trim()))
        {
            return true;
        }

        if (e.LocalName != "p")
        {
            return false;
        }

        var previous = page.PreviousElementSibling(e);
        return previous is not null && page.TextLength(previous) == 0
            && (previous.LocalName is "img" or "picture" || previous.QuerySelector("img, picture") is not null)
            && length < 100 && e.Children.Length == 1 && e.Children[0].LocalName is "em" or "i" or "small"
            && page.TextLength(e.Children[0]) == length;
    }

    [GeneratedRegex(@"^(\S+@\S+\.\w{2,}|(https?://|www\.)\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// A second, independent way to the article text, used only when the region-based method yields (almost) nothing:
/// a jusText-like pass that keeps every text block of the page (paragraphs, list items, cells, quotes, headings,
/// divs with text of their own) that is long enough, has few links and sits outside furniture, plus short blocks
/// and headings right before such a block. It knows nothing of the page's layout, so it finds bodies that have
/// no container the first method recognises (slideshows, recipes, blog posts with few markers).
/// </summary>
internal static class ParagraphFallback
{
    private const int GoodLength = 70;
    private const double MaxLinkDensity = 0.3;

    /// <summary>The blocks of text this method keeps, in document order.</summary>
    public static List<IElement> Blocks(PageModel page)
    {
        var candidates = new List<IElement>();
        var taken = new HashSet<IElement>();
        foreach (var e in page.Elements)
        {
            if (!IsBlock(e) || page.TextLength(e) == 0 || HasTakenAncestor(e, taken))
            {
                continue;
            }

            // A block holding other blocks is a container: its parts are judged one by one.
            if (e.LocalName is "div" or "td" or "li" or "blockquote" && HoldsBlocks(e))
            {
                continue;
            }

            taken.Add(e);
            candidates.Add(e);
        }

        var keep = new List<IElement>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var e = candidates[i];
            if (page.IsInFurniture(e))
            {
                continue;
            }

            var stats = page.Stats(e);
            var good = stats.TextLength >= GoodLength && stats.LinkDensity < MaxLinkDensity;
            if (!good && stats.LinkDensity < MaxLinkDensity && stats.TextLength > 0)
            {
                // A heading or a short line that introduces a good block.
                var next = i + 1 < candidates.Count ? candidates[i + 1] : null;
                good = next is not null && !page.IsInFurniture(next) && page.TextLength(next) >= GoodLength
                    && page.Stats(next).LinkDensity < MaxLinkDensity && (e.LocalName is ['h', >= '2' and <= '6'] || stats.TextLength >= 20);
            }

            if (good)
            {
                keep.Add(e);
            }
        }

        return keep;
    }

    private static bool IsBlock(IElement e) =>
        e.LocalName is "p" or "li" or "td" or "blockquote" or "pre" or "dd" or "h2" or "h3" or "h4" or "h5" or "h6"
        || (e.LocalName == "div" && HasOwnText(e));

    private static bool HoldsBlocks(IElement e)
    {
        foreach (var d in e.Children)
        {
            if (d.LocalName is "p" or "div" or "ul" or "ol" or "table" or "blockquote" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOwnText(IElement e)
    {
        foreach (var n in e.ChildNodes)
        {
            if (n.NodeType == NodeType.Text && n.TextContent.AsSpan().Trim().Length >= 20)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTakenAncestor(IElement e, HashSet<IElement> taken)
    {
        for (var a = e.ParentElement; a is not null; a = a.ParentElement)
        {
            if (taken.Contains(a))
            {
                return true;
            }
        }

        return false;
    }
}

using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// The standfirst written right under the headline: the first element with text after the page's first &lt;h1&gt;
/// (among its next siblings, or those of its parent or grandparent when the h1 is the last thing with text in its
/// wrapper), when that element is a heading or a paragraph of prose that lies above the body region. Pages put it
/// in the article's header (an <c>&lt;h2&gt;</c> in an <c>&lt;hgroup&gt;</c>, a <c>&lt;p&gt;</c> under the h1),
/// apart from the body container, so the region misses it. Structure only: no class or wording is read.
/// </summary>
internal static class HeaderLead
{
    /// <summary>Shorter than this (non-space characters) it is a kicker or a one-line subtitle, not a standfirst.</summary>
    public const int MinLength = 60;

    /// <summary>Longer than this it is a block of the page, not a standfirst.</summary>
    public const int MaxLength = 600;

    /// <summary>The headline h1 holds at least this share of its words in the page's title.</summary>
    private const double HeadlineShare = 0.6;

    /// <summary>Returns the standfirst under the headline, or null when there is none outside the region.</summary>
    /// <param name="page">The page.</param>
    /// <param name="region">The elements read as the body, in document order.</param>
    /// <param name="title">The page's title (og:title, else JSON-LD headline, else first h1, else &lt;title&gt;).</param>
    public static IElement? Find(PageModel page, List<IElement> region, string? title)
    {
        if (region.Count == 0 || string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        // The headline is the first h1 (of the first five) that shares most of its words with the title: a notice
        // or a site name written as h1 above the article is passed over.
        var titleWords = Words(title).ToHashSet(StringComparer.Ordinal);
        IElement? h1 = null;
        var seen = 0;
        foreach (var e in page.Elements)
        {
            if (e.LocalName != "h1" || page.TextLength(e) == 0)
            {
                continue;
            }

            var words = Words(e.TextContent);
            if (words.Count > 0 && words.Count(titleWords.Contains) >= HeadlineShare * words.Count)
            {
                h1 = e;
                break;
            }

            if (++seen == 5)
            {
                break;
            }
        }

        var first = region[0];
        if (h1 is null || page.Order(h1) >= page.Order(first) || region.Any(r => r.Contains(h1)))
        {
            return null;
        }

        // The first element with text after the headline: among its next siblings, else its wrapper's (two levels).
        var anchor = h1;
        for (var level = 0; level < 3 && anchor is not null && anchor != page.Root; level++, anchor = anchor.ParentElement)
        {
            for (var sib = anchor.NextElementSibling; sib is not null; sib = sib.NextElementSibling)
            {
                if (page.TextLength(sib) == 0)
                {
                    continue;
                }

                var lead = Unwrap(page, sib);
                return IsStandfirst(page, lead, region, h1) ? lead : null;
            }
        }

        return null;
    }

    private static List<string> Words(string text)
    {
        var bounded = text.Length > 2000 ? text[..2000] : text;
        return BoilerplateRules.NonWord().Split(bounded.ToLowerInvariant()).Where(w => w.Length > 0).ToList();
    }

    /// <summary>
    /// The element a wrapper holds all its text in (a <c>&lt;div&gt;</c> around the standfirst's <c>&lt;h2&gt;</c>):
    /// down through children that hold every character of their parent's text, at most four levels.
    /// </summary>
    private static IElement Unwrap(PageModel page, IElement e)
    {
        for (var depth = 0; depth < 4 && e.LocalName is not ("h2" or "h3" or "h4" or "p"); depth++)
        {
            var length = page.TextLength(e);
            IElement? holder = null;
            foreach (var child in e.Children)
            {
                if (page.TextLength(child) == length)
                {
                    holder = child;
                    break;
                }
            }

            if (holder is null)
            {
                break;
            }

            e = holder;
        }

        return e;
    }

    private static bool IsStandfirst(PageModel page, IElement e, List<IElement> region, IElement h1)
    {
        var stats = page.Stats(e);
        return e.LocalName is "h2" or "h3" or "h4" or "p"
            && stats.TextLength is >= MinLength and <= MaxLength
            && stats.LinkDensity < 0.2
            && page.Order(e) < page.Order(region[0])
            && !region.Any(r => e.Contains(r) || r.Contains(e))
            // Furniture around it, except that every wrapper that also holds the headline is the article's header,
            // whatever its tag or class (a <header> outside any <article>).
            && !page.IsInFurniture(e, within: h1)
            && e.QuerySelector("h1, h2, h3, h4, h5, h6, ul, ol, table, figure, img") is null;
    }
}

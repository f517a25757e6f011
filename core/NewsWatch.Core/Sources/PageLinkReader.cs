using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Sources;

/// <summary>Reads the <c>&lt;a href&gt;</c> links of an HTML listing with AngleSharp, resolved against <c>&lt;base href&gt;</c> or the listing's URL.</summary>
internal static partial class PageLinkReader
{
    /// <summary>
    /// The links in document order as (absolute URL as written, title, in page chrome). "Page chrome" is a link inside
    /// <c>&lt;nav&gt;</c> (or role=navigation), inside a page-level <c>&lt;header&gt;</c>/<c>&lt;footer&gt;</c>
    /// (one that is not within an article, main, section or aside: those are teasers' own headers), in an
    /// <c>&lt;aside&gt;</c> outside an article, or in a block that is built like a menu whatever its tags (see IsMenu).
    /// </summary>
    public static IEnumerable<(Uri Url, string? Title, bool InChrome)> Read(string content, Uri baseUrl)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(content);
        var resolveAgainst = BaseHref(document, baseUrl);
        var menus = new Dictionary<IElement, bool>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(resolveAgainst, WithoutFragment(href), out var url))
            {
                continue;
            }

            yield return (url, Title(anchor), IsInChrome(anchor, resolveAgainst, menus));
        }
    }

    /// <summary>
    /// The link without its fragment, which never names another article. Dropped before resolving: against a file URL,
    /// .NET keeps a relative link's <c>#x</c> in the path (<c>%23x</c>), where canonicalisation cannot remove it.
    /// </summary>
    public static string WithoutFragment(string href)
    {
        var hash = href.IndexOf('#', StringComparison.Ordinal);
        return (hash < 0 ? href : href[..hash]).Trim();
    }

    private static Uri BaseHref(IDocument document, Uri baseUrl)
    {
        var href = document.QuerySelector("base[href]")?.GetAttribute("href");
        return !string.IsNullOrWhiteSpace(href)
            && Uri.TryCreate(baseUrl, href.Trim(), out var resolved)
            && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps || resolved.Scheme == baseUrl.Scheme)
                ? resolved
                : baseUrl;
    }

    private static string? Title(IElement anchor)
    {
        var text = WhitespaceRegex().Replace(anchor.TextContent, " ").Trim();
        if (text.Length == 0)
        {
            text = anchor.GetAttribute("title")?.Trim()
                ?? anchor.QuerySelector("img[alt]")?.GetAttribute("alt")?.Trim()
                ?? string.Empty;
        }

        return text.Length == 0 ? null : text;
    }

    private static bool IsInChrome(IElement anchor, Uri baseUrl, Dictionary<IElement, bool> menus)
    {
        var depth = 0;
        for (var element = anchor.ParentElement; element is not null; element = element.ParentElement, depth++)
        {
            var name = element.LocalName;
            var role = element.GetAttribute("role");
            if (name == "nav" || role == "navigation")
            {
                return true;
            }

            if ((name is "header" or "footer" || role is "banner" or "contentinfo")
                && element.ParentElement?.Closest("article, main, section, aside") is null)
            {
                return true;
            }

            if ((name == "aside" || role == "complementary") && element.ParentElement?.Closest("article") is null)
            {
                return true;
            }

            // Menus, footers and sidebars built from plain divs and lists: told by structure, within a few levels.
            if (depth < 4 && name is "div" or "ul" or "ol" or "section" or "p" or "span" or "td" && IsMenu(element, baseUrl, menus))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A block of at least 4 links that is nearly all link text (density 0.75 or more) with short link texts (18
    /// characters on average: section names, not headlines), holding no headline or article, and whose links mostly do
    /// not look like articles (<see cref="UrlShape"/>): a menu, a footer's link list, a tag cloud or a share bar,
    /// whatever its tags and classes.
    /// </summary>
    private static bool IsMenu(IElement element, Uri baseUrl, Dictionary<IElement, bool> menus)
    {
        if (menus.TryGetValue(element, out var known))
        {
            return known;
        }

        var anchors = element.QuerySelectorAll("a[href]");
        var isMenu = false;
        if (anchors.Length >= 4 && element.QuerySelector("article, h1, h2, h3, h4, p") is null)
        {
            var linkText = anchors.Sum(a => WhitespaceRegex().Replace(a.TextContent, " ").Trim().Length);
            var allText = WhitespaceRegex().Replace(element.TextContent, " ").Trim().Length;
            var articles = anchors.Count(a => Uri.TryCreate(baseUrl, WithoutFragment(a.GetAttribute("href") ?? ""), out var u)
                && u.IsAbsoluteUri && !u.IsFile && UrlShape.Classify(u) == UrlKind.Article);
            isMenu = allText > 0 && linkText >= 0.75 * allText && linkText <= 18 * anchors.Length && articles * 2 < anchors.Length;
        }

        menus[element] = isMenu;
        return isMenu;
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsWatch.Core.Sources;

/// <summary>Reads the <c>&lt;a href&gt;</c> links of an HTML listing with AngleSharp, resolved against <c>&lt;base href&gt;</c> or the listing's URL.</summary>
internal static partial class PageLinkReader
{
    /// <summary>
    /// The links in document order as (absolute URL as written, title, in page chrome). "Page chrome" is a link inside
    /// <c>&lt;nav&gt;</c> (or role=navigation), or inside a page-level <c>&lt;header&gt;</c>/<c>&lt;footer&gt;</c>
    /// (one that is not within an article, main, section or aside: those are teasers' own headers).
    /// </summary>
    public static IEnumerable<(Uri Url, string? Title, bool InChrome)> Read(string content, Uri baseUrl)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(content);
        var resolveAgainst = BaseHref(document, baseUrl);
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            var href = anchor.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(resolveAgainst, WithoutFragment(href), out var url))
            {
                continue;
            }

            yield return (url, Title(anchor), IsInChrome(anchor));
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

    private static bool IsInChrome(IElement anchor)
    {
        for (var element = anchor.ParentElement; element is not null; element = element.ParentElement)
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
        }

        return false;
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}

using System.Text.RegularExpressions;

namespace NewsWatch.Core.Sources;

/// <summary>
/// What a URL's shape says about the page behind it, for page listings without a link pattern: an article (a date in
/// the path, a long numeric id, a slug of several words), a section, tag, author, search or paging page (one of
/// those words as a path segment, or one short segment), or nothing clear.
/// </summary>
internal static partial class UrlShape
{
    private static readonly HashSet<string> SectionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "tag", "tags", "topic", "topics", "theme", "themes", "author", "authors", "autor", "auteur", "category", "categories",
        "section", "sections", "search", "suche", "recherche", "page", "archive", "archives", "people", "profile", "profiles",
        "about", "contact", "subscribe", "subscription", "login", "signin", "register", "newsletter", "newsletters", "account",
        "privacy", "terms", "cookies", "impressum", "rss", "feeds", "podcasts", "index", "index.html", "index.htm", "home",
    };

    /// <summary>The shape of <paramref name="url"/>.</summary>
    public static UrlKind Classify(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (DateRegex().IsMatch(url.AbsolutePath) || segments.Any(s => LongNumberRegex().IsMatch(s)))
        {
            return UrlKind.Article;
        }

        var last = segments.Length == 0 ? string.Empty : Path.GetFileNameWithoutExtension(segments[^1]);
        var words = last.Split(['-', '_', '+', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => SectionWords.Contains(s) || SectionWords.Contains(Path.GetFileNameWithoutExtension(s))))
        {
            return UrlKind.Section;
        }

        if (words.Length >= 3 && last.Length >= 15)
        {
            return UrlKind.Article;
        }

        if (segments.Length <= 1 && words.Length <= 2 && string.IsNullOrEmpty(url.Query))
        {
            return UrlKind.Section;
        }

        return UrlKind.Unknown;
    }

    [GeneratedRegex(@"(?:^|[/_-])(?:19|20)\d{2}[/_-]?(?:0?[1-9]|1[0-2])(?:[/_-]?(?:0?[1-9]|[12]\d|3[01]))?(?:[/_-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"\d{5,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumberRegex();
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>Reads title, canonical URL, publication time and language from a page's head and JSON-LD.</summary>
internal static partial class MetadataReader
{
    private const int MaxMetaLength = 4096;
    private const int MaxMetaKeyLength = 100;
    private const int MaxTitleLength = 1000;
    private const int MaxDateLength = 100;

    private static readonly string[] DateMetaNames =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "article:published",
        "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "date", "dc.date.issued",
        "dc.date", "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
        "article.published", "published_time", "release_date", "original-publish-date", "displaydate", "dc.date.created",
    ];

    private static readonly string[] ModifiedMetaNames =
    [
        "article:modified_time", "og:updated_time", "article:modified", "og:modified_time", "datemodified", "last-modified",
        "dc.date.modified", "dcterms.modified", "lastmod", "modified_time", "updated_time", "parsely-updated", "sailthru.lastmodified",
    ];

    /// <summary>JSON-LD objects of the page, flattened out of arrays and @graph.</summary>
    public static List<JsonElement> ReadJsonLd(IDocument doc)
    {
        var items = new List<JsonElement>();
        foreach (var script in doc.QuerySelectorAll("script[type]"))
        {
            if (!script.GetAttribute("type")!.Contains("ld+json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                Flatten(json.RootElement.Clone(), items, 0);
            }
            catch (JsonException)
            {
                // A broken JSON-LD block is common and simply ignored.
            }
        }

        return items;
    }

    /// <summary>The page's meta tags by property, name, itemprop or http-equiv (case-insensitive); the first non-empty value wins.</summary>
    public static Dictionary<string, string> ReadMeta(IDocument doc)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in doc.QuerySelectorAll("meta[content]"))
        {
            var content = m.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            // Patterns and parsers run over these: a meta value of a megabyte is no metadata.
            content = content.Length > MaxMetaLength ? content[..MaxMetaLength] : content;

            foreach (var attr in (ReadOnlySpan<string>)["property", "name", "itemprop", "http-equiv"])
            {
                if (m.GetAttribute(attr) is { Length: <= MaxMetaKeyLength } key && key.Trim() is { Length: > 0 } k)
                {
                    meta.TryAdd(k, content);
                }
            }
        }

        return meta;
    }

    public static string? ReadTitle(IDocument doc, Dictionary<string, string> meta, List<JsonElement> jsonLd)
    {
        var og = Meta(meta, "og:title") ?? Meta(meta, "twitter:title");
        if (!string.IsNullOrWhiteSpace(og))
        {
            return WithoutNamedSite(Clean(og), Meta(meta, "og:site_name"));
        }

        foreach (var item in jsonLd)
        {
            if (item.TryGetProperty("headline", out var h) && h.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(h.GetString()))
            {
                return Clean(h.GetString()!);
            }
        }

        var h1 = doc.QuerySelector("h1");
        if (h1 is not null && !string.IsNullOrWhiteSpace(h1.TextContent))
        {
            return Clean(h1.TextContent);
        }

        var title = doc.QuerySelector("title")?.TextContent;
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        return StripSiteName(Clean(title));
    }

    /// <summary>Cuts " | Site" when the page names its site (og:site_name) and the title ends with that name.</summary>
    private static string WithoutNamedSite(string title, string? siteName)
    {
        if (string.IsNullOrWhiteSpace(siteName))
        {
            return title;
        }

        var site = Clean(siteName);
        if (title.Length > MaxTitleLength)
        {
            return title;
        }

        var m = TitleSeparator().Match(title);
        return m.Success && m.Index > 0 && string.Equals(title[(m.Index + m.Length)..].Trim(), site, StringComparison.OrdinalIgnoreCase)
            ? title[..m.Index].Trim()
            : title;
    }

    /// <summary>Cuts a " - Site" / " | Site" suffix when the remaining part is clearly the headline.</summary>
    public static string StripSiteName(string title)
    {
        if (title.Length > MaxTitleLength)
        {
            return title;
        }

        var m = TitleSeparator().Match(title);
        if (!m.Success)
        {
            return title;
        }

        var head = title[..m.Index].Trim();
        var tail = title[(m.Index + m.Length)..].Trim();
        return head.Length >= tail.Length && head.Length > 0 ? head : title;
    }

    /// <summary>
    /// The canonical link, else og:url, when it points at the article itself (not the home page, not
    /// another host than <paramref name="pageUrl"/>); else <paramref name="pageUrl"/>.
    /// </summary>
    public static Uri? ReadUrl(IDocument doc, Dictionary<string, string> meta, Uri? pageUrl)
    {
        foreach (var href in (ReadOnlySpan<string?>)[doc.QuerySelector("link[rel~=canonical][href]")?.GetAttribute("href"), Meta(meta, "og:url")])
        {
            if (UsableCanonical(href, pageUrl) is { } canonical)
            {
                return canonical;
            }
        }

        return pageUrl;
    }

    private static Uri? UsableCanonical(string? href, Uri? pageUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        Uri? canonical = null;
        var trimmed = href.Trim();
        if (pageUrl is not null)
        {
            Uri.TryCreate(pageUrl, trimmed, out canonical);
        }
        else if (Uri.TryCreate(trimmed, UriKind.Absolute, out var abs))
        {
            canonical = abs;
        }

        var usable = canonical is not null
            && (canonical.Scheme == Uri.UriSchemeHttp || canonical.Scheme == Uri.UriSchemeHttps)
            && canonical.AbsolutePath is not ("/" or "")
            && (pageUrl is null || SameHost(canonical, pageUrl));
        return usable ? canonical : null;
    }

    /// <summary>
    /// When the page says it was published: meta tags, then microdata, JSON-LD, then &lt;time&gt; in the content.
    /// Impossible dates (before 1800, the Unix epoch, more than a day after <paramref name="now"/>) are skipped:
    /// a placeholder date must never make a fresh article look old, nor a typo make it look new.
    /// </summary>
    public static DateTimeOffset? ReadPublished(IDocument doc, Dictionary<string, string> meta, List<JsonElement> jsonLd, IElement? content, DateTimeOffset now)
    {
        foreach (var name in DateMetaNames)
        {
            if (Plausible(ParseDate(Meta(meta, name)), now) is { } d)
            {
                return d;
            }
        }

        foreach (var (key, value) in meta)
        {
            if (DateMetaKey().IsMatch(key) && Plausible(ParseDate(value), now) is { } d)
            {
                return d;
            }
        }

        foreach (var e in doc.QuerySelectorAll("[itemprop~=datePublished]"))
        {
            if (Plausible(ParseDate(e.GetAttribute("content") ?? e.GetAttribute("datetime") ?? e.TextContent), now) is { } d)
            {
                return d;
            }
        }

        if (JsonLdDate(jsonLd, "datePublished", now) is { } fromJson)
        {
            return fromJson;
        }

        var times = (content ?? (IParentNode)doc).QuerySelectorAll("time[datetime]");
        if (times.Length == 0 && content is not null)
        {
            times = doc.QuerySelectorAll("time[datetime]");
        }

        foreach (var t in times)
        {
            if (Plausible(ParseDate(t.GetAttribute("datetime")), now) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>When the page says it was last modified (meta tags, JSON-LD, microdata); impossible dates skipped as for <see cref="ReadPublished"/>.</summary>
    public static DateTimeOffset? ReadModified(IDocument doc, Dictionary<string, string> meta, List<JsonElement> jsonLd, DateTimeOffset now)
    {
        foreach (var name in ModifiedMetaNames)
        {
            if (Plausible(ParseDate(Meta(meta, name)), now) is { } d)
            {
                return d;
            }
        }

        if (JsonLdDate(jsonLd, "dateModified", now) is { } fromJson)
        {
            return fromJson;
        }

        foreach (var e in doc.QuerySelectorAll("[itemprop~=dateModified]"))
        {
            if (Plausible(ParseDate(e.GetAttribute("content") ?? e.GetAttribute("datetime") ?? e.TextContent), now) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>The author names from JSON-LD (string, Person or list of them), else the author meta tags; comma separated.</summary>
    public static string? ReadAuthor(Dictionary<string, string> meta, List<JsonElement> jsonLd)
    {
        var names = new List<string>();
        foreach (var item in jsonLd)
        {
            if (item.TryGetProperty("author", out var author))
            {
                AddNames(author, names);
                if (names.Count > 0)
                {
                    break;
                }
            }
        }

        if (names.Count == 0)
        {
            foreach (var key in (ReadOnlySpan<string>)["author", "article:author", "parsely-author", "dc.creator", "sailthru.author", "byl"])
            {
                if (Meta(meta, key) is { } value && PersonName(value) is { } name)
                {
                    names.Add(name);
                    break;
                }
            }
        }

        return names.Count == 0 ? null : string.Join(", ", names.Distinct(StringComparer.OrdinalIgnoreCase).Take(10));
    }

    /// <summary>The publication's name: og:site_name, JSON-LD publisher or WebSite name, application-name.</summary>
    public static string? ReadSiteName(Dictionary<string, string> meta, List<JsonElement> jsonLd)
    {
        if (Meta(meta, "og:site_name") is { } og && !string.IsNullOrWhiteSpace(og))
        {
            return Clean(og);
        }

        foreach (var item in jsonLd)
        {
            if (item.TryGetProperty("publisher", out var publisher) && publisher.ValueKind == JsonValueKind.Object
                && publisher.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString()))
            {
                return Clean(name.GetString()!);
            }
        }

        foreach (var item in jsonLd)
        {
            if (IsType(item, "WebSite") && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(name.GetString()))
            {
                return Clean(name.GetString()!);
            }
        }

        return Meta(meta, "application-name") is { } app && !string.IsNullOrWhiteSpace(app) ? Clean(app) : null;
    }

    /// <summary>Null for a date no article can have: before 1800 (0001-01-01 placeholders), the Unix epoch, or more than a day after <paramref name="now"/>.</summary>
    public static DateTimeOffset? Plausible(DateTimeOffset? date, DateTimeOffset now)
    {
        if (date is not { } d)
        {
            return null;
        }

        var epoch = DateTimeOffset.UnixEpoch;
        if (d.Year < 1800 || (d - epoch).Duration() <= TimeSpan.FromDays(1) || d > now + TimeSpan.FromHours(24))
        {
            return null;
        }

        return d;
    }

    private static DateTimeOffset? JsonLdDate(List<JsonElement> jsonLd, string property, DateTimeOffset now)
    {
        // The article's own object first (a WebPage or the site may carry dates of their own).
        foreach (var articleFirst in (ReadOnlySpan<bool>)[true, false])
        {
            foreach (var item in jsonLd)
            {
                if (articleFirst != IsArticle(item))
                {
                    continue;
                }

                if (item.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String && Plausible(ParseDate(p.GetString()), now) is { } d)
                {
                    return d;
                }
            }
        }

        return null;
    }

    private static bool IsArticle(JsonElement item) =>
        item.TryGetProperty("@type", out var type) && TypeNames(type).Any(t => t.EndsWith("Article", StringComparison.OrdinalIgnoreCase)
            || t.Equals("BlogPosting", StringComparison.OrdinalIgnoreCase) || t.Equals("LiveBlogPosting", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Report", StringComparison.OrdinalIgnoreCase));

    private static bool IsType(JsonElement item, string name) =>
        item.TryGetProperty("@type", out var type) && TypeNames(type).Any(t => t.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> TypeNames(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => [type.GetString()!],
        JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
        _ => [],
    };

    private static void AddNames(JsonElement author, List<string> names)
    {
        switch (author.ValueKind)
        {
            case JsonValueKind.String:
                if (PersonName(author.GetString()!) is { } s)
                {
                    names.Add(s);
                }

                break;
            case JsonValueKind.Object:
                if (author.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && PersonName(name.GetString()!) is { } n)
                {
                    names.Add(n);
                }

                break;
            case JsonValueKind.Array:
                foreach (var a in author.EnumerateArray().Take(20))
                {
                    if (a.ValueKind != JsonValueKind.Array)
                    {
                        AddNames(a, names);
                    }
                }

                break;
        }
    }

    /// <summary>A name as a reader would print it: not a URL, not empty, "By " dropped.</summary>
    private static string? PersonName(string value)
    {
        var s = Clean(value);
        if (s.Length == 0 || s.Length > 200 || s.StartsWith("http", StringComparison.OrdinalIgnoreCase) || s.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        if (s.StartsWith("By ", StringComparison.OrdinalIgnoreCase))
        {
            s = s[3..].Trim();
        }

        return s.Length == 0 ? null : s;
    }

    public static string? ReadLanguage(IDocument doc, Dictionary<string, string> meta)
    {
        var lang = doc.DocumentElement?.GetAttribute("lang") ?? doc.DocumentElement?.GetAttribute("xml:lang");
        if (string.IsNullOrWhiteSpace(lang))
        {
            lang = Meta(meta, "content-language");
        }

        if (string.IsNullOrWhiteSpace(lang))
        {
            lang = Meta(meta, "og:locale") ?? Meta(meta, "language") ?? Meta(meta, "dc.language");
        }

        if (string.IsNullOrWhiteSpace(lang))
        {
            return null;
        }

        var primary = LanguageTag().Match(BoilerplateRules.Bounded(lang.Trim()));
        return primary.Success ? primary.Groups[1].Value.ToLowerInvariant() : null;
    }

    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var s = value.Trim();
        if (s.Length > MaxDateLength)
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, styles, out var d))
        {
            return d.ToUniversalTime();
        }

        // "2019-10-23 10:00:00 +0000", "20191023", "2019-10-23T10:00:00.000+0200"
        string[] formats = ["yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zzzz", "yyyyMMdd", "yyyyMMddHHmmss", "yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:sszzz"];
        var fixedOffset = OffsetWithoutColon().Replace(s, "$1$2:$3");

        // "November 19, 2019, 07:47 PM EST": drop the comma before the time, turn the zone into an offset.
        var zoned = ZoneAbbreviation().Replace(YearCommaTime().Replace(s, "$1 $2"), m => ZoneOffset(m.Groups[1].Value));
        if (zoned != s && DateTimeOffset.TryParse(zoned, CultureInfo.InvariantCulture, styles, out d))
        {
            return d.ToUniversalTime();
        }

        if (DateTimeOffset.TryParseExact(fixedOffset, formats, CultureInfo.InvariantCulture, styles, out d))
        {
            return d.ToUniversalTime();
        }

        return null;
    }

    private static string ZoneOffset(string zone) => zone.ToUpperInvariant() switch
    {
        "EST" or "CDT" => "-05:00",
        "EDT" => "-04:00",
        "CST" => "-06:00",
        "MST" => "-07:00",
        "MDT" => "-06:00",
        "PST" => "-08:00",
        "PDT" => "-07:00",
        "BST" or "CET" => "+01:00",
        "CEST" => "+02:00",
        _ => "+00:00",
    };

    private static bool SameHost(Uri a, Uri b)
    {
        static string Bare(string h) => h.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? h[4..] : h;
        return string.Equals(Bare(a.Host), Bare(b.Host), StringComparison.OrdinalIgnoreCase);
    }

    private static string? Meta(Dictionary<string, string> meta, string name) => meta.GetValueOrDefault(name);

    private static void Flatten(JsonElement e, List<JsonElement> into, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Flatten(item, into, depth + 1);
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            into.Add(e);
            if (e.TryGetProperty("@graph", out var graph))
            {
                Flatten(graph, into, depth + 1);
            }

            if (e.TryGetProperty("mainEntity", out var main))
            {
                Flatten(main, into, depth + 1);
            }
        }
    }

    private static string Clean(string s) => ReaderText.Clean(TextAssembler.CollapseWhitespace(s).Trim());

    [GeneratedRegex(@"\s+[-|–—·»]\s+(?!.*\s[-|–—·»]\s)")]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"^([A-Za-z]{2,3})(?:[-_].*)?$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex(@"(\d{4}),\s*(\d{1,2}:\d{2})")]
    private static partial Regex YearCommaTime();

    [GeneratedRegex(@"\b(EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST)$", RegexOptions.IgnoreCase)]
    private static partial Regex ZoneAbbreviation();

    [GeneratedRegex(@"^(?!.*(modif|updat|expir|edit)).*((publish|post|creat|release|issue).*(date|time)|(date|time).*(publish|post|creat|release|issue))", RegexOptions.IgnoreCase)]
    private static partial Regex DateMetaKey();

    [GeneratedRegex(@"([+-])(\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}

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

    public static DateTimeOffset? ReadPublished(IDocument doc, Dictionary<string, string> meta, List<JsonElement> jsonLd, IElement? content)
    {
        foreach (var name in DateMetaNames)
        {
            if (ParseDate(Meta(meta, name)) is { } d)
            {
                return d;
            }
        }

        foreach (var (key, value) in meta)
        {
            if (DateMetaKey().IsMatch(key) && ParseDate(value) is { } d)
            {
                return d;
            }
        }

        foreach (var e in doc.QuerySelectorAll("[itemprop~=datePublished]"))
        {
            if (ParseDate(e.GetAttribute("content") ?? e.GetAttribute("datetime") ?? e.TextContent) is { } d)
            {
                return d;
            }
        }

        foreach (var item in jsonLd)
        {
            if (item.TryGetProperty("datePublished", out var p) && p.ValueKind == JsonValueKind.String && ParseDate(p.GetString()) is { } d)
            {
                return d;
            }
        }

        var times = (content ?? (IParentNode)doc).QuerySelectorAll("time[datetime]");
        if (times.Length == 0 && content is not null)
        {
            times = doc.QuerySelectorAll("time[datetime]");
        }

        foreach (var t in times)
        {
            if (ParseDate(t.GetAttribute("datetime")) is { } d)
            {
                return d;
            }
        }

        return null;
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

    private static string Clean(string s) => TextAssembler.CollapseWhitespace(s).Trim();

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

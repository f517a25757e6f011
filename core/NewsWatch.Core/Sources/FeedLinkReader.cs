using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace NewsWatch.Core.Sources;

/// <summary>
/// Reads the item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed with <see cref="System.Xml"/>: no DTD is processed
/// and nothing external is resolved. A feed that is not well-formed, or not a feed, is a <see cref="FormatException"/>.
/// </summary>
internal static partial class FeedLinkReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss10 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace DublinTerms = "http://purl.org/dc/terms/";

    private static readonly XmlReaderSettings Settings = new()
    {
        // Ignore, not Prohibit: old RSS 0.91 feeds carry a DOCTYPE. Ignoring it processes no entity (no billion
        // laughs, no external entity): an entity the DTD would have defined is an error, hence a FormatException.
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 64L * 1024 * 1024,
    };

    /// <summary>The feed's items as (link, title, date), in document order; links are as written (maybe relative).</summary>
    public static IEnumerable<(string Link, string? Title, DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt)> Read(string content, Uri baseUrl)
    {
        var root = Load(content, baseUrl);
        if (root.Name == Atom + "feed")
        {
            return root.Elements(Atom + "entry").Select(ReadAtomEntry).Where(i => i.Link is not null)!;
        }

        if (root.Name.LocalName is "rss" or "RDF")
        {
            return root.Descendants().Where(e => e.Name.LocalName == "item").Select(ReadRssItem).Where(i => i.Link is not null)!;
        }

        throw new FormatException($"The feed at {baseUrl} is neither RSS nor Atom: its root element is <{root.Name.LocalName}>.");
    }

    private static XElement Load(string content, Uri baseUrl)
    {
        try
        {
            using var text = new StringReader(content.TrimStart('\uFEFF', ' ', '\t', '\r', '\n'));
            using var reader = XmlReader.Create(text, Settings);
            return XDocument.Load(reader).Root ?? throw new FormatException($"The feed at {baseUrl} is empty.");
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The feed at {baseUrl} is not well-formed XML: {ex.Message}", ex);
        }
    }

    private static (string? Link, string? Title, DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt) ReadRssItem(XElement item)
    {
        var link = Child(item, "link")?.Value.Trim();
        if (string.IsNullOrEmpty(link))
        {
            var guid = item.Element("guid");
            var permaLink = guid is not null && !string.Equals(guid.Attribute("isPermaLink")?.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
            link = permaLink ? guid!.Value.Trim() : AtomLink(item);
        }

        var date = FeedDates.Parse(item.Element("pubDate")?.Value)
            ?? FeedDates.Parse(item.Element(DublinCore + "date")?.Value)
            ?? FeedDates.Parse(item.Element(Atom + "published")?.Value)
            ?? FeedDates.Parse(item.Element(Atom + "updated")?.Value);
        var updated = FeedDates.Parse(item.Element(Atom + "updated")?.Value)
            ?? FeedDates.Parse(item.Element(DublinTerms + "modified")?.Value)
            ?? date;
        return (string.IsNullOrEmpty(link) ? null : link, CleanTitle(Child(item, "title")?.Value, html: true), date, updated);
    }

    private static (string? Link, string? Title, DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt) ReadAtomEntry(XElement entry)
    {
        var title = entry.Element(Atom + "title");
        var html = title?.Attribute("type")?.Value is "html";
        var updated = FeedDates.Parse(entry.Element(Atom + "updated")?.Value);
        var date = FeedDates.Parse(entry.Element(Atom + "published")?.Value) ?? updated;
        return (AtomLink(entry), CleanTitle(title?.Value, html), date, updated ?? date);
    }

    /// <summary>The alternate link: rel="alternate" or no rel, preferring an HTML one.</summary>
    private static string? AtomLink(XElement parent)
    {
        var alternates = parent.Elements(Atom + "link")
            .Where(l => l.Attribute("rel")?.Value.Trim() is null or "" or "alternate")
            .Where(l => !string.IsNullOrWhiteSpace(l.Attribute("href")?.Value))
            .ToList();
        var best = alternates.FirstOrDefault(l => l.Attribute("type")?.Value.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
            ?? alternates.FirstOrDefault();
        return best?.Attribute("href")!.Value.Trim();
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Element(localName) ?? parent.Element(Rss10 + localName);

    private static string? CleanTitle(string? title, bool html)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = html ? WebUtility.HtmlDecode(TagRegex().Replace(title, " ")) : title;
        var collapsed = WhitespaceRegex().Replace(text, " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRegex();
}

using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace NewsWatch.Core.Sources;

/// <summary>
/// Finds article links in a feed (RSS 2.0, RSS 1.0/RDF, Atom) or an HTML listing page. Links come out absolute,
/// canonical (<see cref="UrlCanonicalizer"/>: no fragment, no <c>utm_*</c>), http(s) only — or file URLs when the
/// listing itself is a local file — in document order without duplicates.
/// <para>
/// A page keeps the links whose absolute URL matches <see cref="Source.LinkPattern"/> (a .NET regular expression,
/// compiled once per pattern, with a match timeout); without a pattern it keeps the links on the listing's host (for a
/// file listing: in its folder or below), except the listing itself, links in the page's navigation, header, footer,
/// sidebars and blocks built like menus, and links whose URL looks like a section, tag, author, search or paging page;
/// links whose URL looks like an article (a date, a long numeric id, a slug of several words) come first.
/// </para>
/// </summary>
public sealed class LinkDiscoverer : ILinkDiscoverer
{
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <exception cref="FormatException">
    /// The source is a feed and <paramref name="content"/> is not well-formed XML, or not RSS or Atom. The caller records the
    /// source as failed for this scan (like a failed fetch); nothing is discovered.
    /// </exception>
    /// <exception cref="ArgumentException">The source's link pattern is not a valid regular expression.</exception>
    public IReadOnlyList<DiscoveredLink> Discover(Source source, string content, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base URL '{baseUrl}' of source '{source.Id}' is not absolute.", nameof(baseUrl));
        }

        var links = new LinkList(baseUrl);
        if (source.Kind == SourceKind.Feed)
        {
            foreach (var (link, title, publishedAt, updatedAt) in FeedLinkReader.Read(content, baseUrl))
            {
                if (Uri.TryCreate(baseUrl, PageLinkReader.WithoutFragment(link), out var url))
                {
                    links.Add(url, title, publishedAt, updatedAt);
                }
            }

            return links.ToList();
        }

        var pattern = string.IsNullOrEmpty(source.LinkPattern) ? null : Pattern(source);
        var listing = UrlCanonicalizer.Canonicalize(baseUrl);
        var unclear = new List<(Uri Url, string? Title)>();
        foreach (var (url, title, inChrome) in PageLinkReader.Read(content, baseUrl))
        {
            if (UrlCanonicalizer.Canonicalize(url).Equals(listing))
            {
                continue;
            }

            if (pattern is not null)
            {
                if (LinkPatternCheck.IsMatch(pattern, url))
                {
                    links.Add(url, title, null, null);
                }

                continue;
            }

            // Without a pattern: the site's links outside menus, article-shaped ones first, section-shaped ones never.
            if (!inChrome && IsOnListingSite(url, baseUrl))
            {
                switch (url.IsFile ? UrlKind.Unknown : UrlShape.Classify(url))
                {
                    case UrlKind.Article: links.Add(url, title, null, null); break;
                    case UrlKind.Unknown: unclear.Add((url, title)); break;
                    default: break;
                }
            }
        }

        foreach (var (url, title) in unclear)
        {
            links.Add(url, title, null, null);
        }

        return links.ToList();
    }

    private Regex Pattern(Source source)
    {
        try
        {
            return _patterns.GetOrAdd(source.LinkPattern!, static p => LinkPatternCheck.Create(p));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"The link pattern of source '{source.Id}' is not a valid regular expression: {ex.Message}", nameof(source), ex);
        }
    }

    private static bool IsOnListingSite(Uri url, Uri listing)
    {
        if (listing.IsFile)
        {
            var folder = Path.GetDirectoryName(listing.LocalPath);
            return url.IsFile && folder is not null
                && url.LocalPath.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }

        return !url.IsFile && string.Equals(WithoutWww(url.Host), WithoutWww(listing.Host), StringComparison.OrdinalIgnoreCase);
    }

    private static string WithoutWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    /// <summary>Canonical links in first-seen order; a later duplicate only fills in a missing title or date.</summary>
    private sealed class LinkList(Uri baseUrl)
    {
        private readonly List<DiscoveredLink> _links = [];
        private readonly Dictionary<Uri, int> _index = [];

        public void Add(Uri url, string? title, DateTimeOffset? publishedAt, DateTimeOffset? updatedAt)
        {
            var isWeb = url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;
            if (!isWeb && !(url.IsFile && baseUrl.IsFile))
            {
                return;
            }

            var canonical = UrlCanonicalizer.Canonicalize(url);
            if (_index.TryGetValue(canonical, out var at))
            {
                var seen = _links[at];
                _links[at] = seen with { Title = seen.Title ?? title, PublishedAt = seen.PublishedAt ?? publishedAt, UpdatedAt = Latest(seen.UpdatedAt, updatedAt) };
                return;
            }

            _index[canonical] = _links.Count;
            _links.Add(new DiscoveredLink(canonical, title, publishedAt, updatedAt));
        }

        private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

        public IReadOnlyList<DiscoveredLink> ToList() => _links.AsReadOnly();
    }
}

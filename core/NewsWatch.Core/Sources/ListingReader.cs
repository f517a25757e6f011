using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Sources;

/// <summary>
/// Reads a source's listing for every kind. Pages and feeds are fetched conditionally and their links found by
/// <see cref="ILinkDiscoverer"/>; sitemaps are streamed (<see cref="SitemapReader"/>; for an index, its newest
/// <see cref="MaxChildSitemaps"/> sitemaps); <c>auto</c> reads a home page and takes the feed its
/// <c>&lt;link rel="alternate"&gt;</c> names, else the sitemaps its robots.txt lists, else its own links. A listing whose
/// last answer said <c>Cache-Control: max-age</c> (or a feed that said <c>ttl</c>) is not fetched again before that has
/// passed (at most <see cref="MaxFreshness"/>): the result is <see cref="FetchOutcome.NotDue"/>.
/// </summary>
internal sealed partial class ListingReader : IListingReader
{
    /// <summary>The longest a listing is left alone on the strength of its <c>max-age</c> or <c>ttl</c>.</summary>
    public static readonly TimeSpan MaxFreshness = TimeSpan.FromHours(1);

    /// <summary>How many sitemaps of a sitemap index are read (the newest by lastmod, else the first).</summary>
    public const int MaxChildSitemaps = 3;


    private readonly IPageFetcher _fetcher;
    private readonly ILinkDiscoverer _discoverer;
    private readonly RobotsCache _robots;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ListingReader> _logger;
    private readonly SourceStateStore? _state;
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public ListingReader(
        IPageFetcher fetcher,
        ILinkDiscoverer discoverer,
        RobotsCache robots,
        IOptions<FetchOptions> options,
        TimeProvider time,
        ILogger<ListingReader> logger,
        SourceStateStore? state = null)
    {
        _state = state;
        _fetcher = fetcher;
        _discoverer = discoverer;
        _robots = robots;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ListingRead> ReadAsync(Source source, HttpValidators? validators, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (validators?.FreshUntil is { } freshUntil && freshUntil > _time.GetUtcNow() && !source.Url.IsFile)
        {
            return new ListingRead(FetchOutcome.NotDue, [], null, null,
                $"not due before {freshUntil.ToString("u", CultureInfo.InvariantCulture)} (the listing's max-age or ttl)");
        }

        var read = source.Kind switch
        {
            SourceKind.Sitemap => await ReadSitemapAsync(source, source.Url, validators, cancellationToken).ConfigureAwait(false),
            SourceKind.Auto => await ReadAutoAsync(source, cancellationToken).ConfigureAwait(false),
            _ => await ReadDocumentAsync(source, source.Kind, source.Url, validators, cancellationToken).ConfigureAwait(false),
        };
        if (read.Chosen is not null)
        {
            LogChosen(_logger, source.Id, read.Chosen, read.Links.Count);
        }

        return read;
    }

    private async Task<ListingRead> ReadDocumentAsync(Source source, SourceKind kind, Uri url, HttpValidators? validators, CancellationToken cancellationToken)
    {
        var fetched = await _fetcher.FetchAsync(new FetchRequest(url, validators?.ETag, validators?.LastModified), cancellationToken).ConfigureAwait(false);
        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            // A 304 has no body to read a ttl from: the last full answer's freshness stands unless the 304 says otherwise.
            return new ListingRead(FetchOutcome.NotModified, [], Validators(fetched, validators?.FreshFor));
        }

        if (!fetched.IsOk || fetched.Content is null)
        {
            return new ListingRead(fetched.Outcome, [], null, null, fetched.Error ?? fetched.Outcome.ToString());
        }

        try
        {
            var links = _discoverer.Discover(source with { Kind = kind }, fetched.Content, fetched.FinalUrl ?? url);
            var ttl = kind == SourceKind.Feed ? FeedTtl(fetched.Content) : null;
            return new ListingRead(FetchOutcome.Ok, links, Validators(fetched, ttl));
        }
        catch (FormatException ex)
        {
            return new ListingRead(FetchOutcome.Ok, [], null, null, $"The listing could not be read: {ex.Message}", Malformed: true);
        }
    }

    private async Task<ListingRead> ReadSitemapAsync(Source source, Uri url, HttpValidators? validators, CancellationToken cancellationToken)
    {
        var (outcome, content, result, error) = await FetchSitemapAsync(url, validators, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return outcome == FetchOutcome.NotModified
                ? new ListingRead(FetchOutcome.NotModified, [], Validators(result!, null))
                : new ListingRead(outcome, [], null, null, error, Malformed: outcome == FetchOutcome.Ok);
        }

        var entries = content.Entries;
        var chosen = (string?)null;
        var indexValidators = Validators(result!, null);
        if (content.IsIndex)
        {
            // The index is small and names the sitemaps to read: it is fetched whole every time (a 304 would leave
            // nothing to read), while each of its sitemaps is fetched conditionally with validators of its own.
            indexValidators = new HttpValidators(null, null, indexValidators?.FreshUntil);
            var merged = new List<SitemapEntry>();
            var children = content.Entries.Take(MaxChildSitemaps).ToList();
            var unchanged = 0;
            foreach (var child in children)
            {
                var stored = _state is null ? null : await _state.GetValidatorsAsync(child.Url, cancellationToken).ConfigureAwait(false);
                var (childOutcome, childContent, childResult, childError) = await FetchSitemapAsync(child.Url, stored, cancellationToken).ConfigureAwait(false);
                if (childOutcome == FetchOutcome.NotModified)
                {
                    unchanged++;
                }
                else if (childContent is { IsIndex: false })
                {
                    merged.AddRange(childContent.Entries);
                    if (_state is not null && Validators(childResult!, null) is { } childValidators)
                    {
                        await _state.SaveValidatorsAsync(child.Url, childValidators with { FreshUntil = null }, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    LogChildFailed(_logger, source.Id, child.Url.AbsoluteUri, childError ?? "a nested sitemap index is not read");
                }
            }

            if (children.Count > 0 && unchanged == children.Count)
            {
                return new ListingRead(FetchOutcome.NotModified, [], indexValidators);
            }

            entries = [.. merged.OrderByDescending(e => e.Date ?? DateTimeOffset.MinValue).Take(SitemapReader.DefaultMaxEntries)];
            chosen = $"sitemap index {url} ({content.Total} sitemaps; read {string.Join(", ", children.Select(c => c.Url.AbsoluteUri))}"
                + (unchanged > 0 ? $"; {unchanged} not modified)" : ")");
        }

        var pattern = PatternOf(source);
        var links = new List<DiscoveredLink>(entries.Count);
        var seen = new HashSet<Uri>();
        foreach (var entry in entries)
        {
            var canonical = UrlCanonicalizer.Canonicalize(entry.Url);
            if ((pattern is null || LinkPatternCheck.IsMatch(pattern, canonical)) && seen.Add(canonical))
            {
                links.Add(new DiscoveredLink(canonical, entry.Title, entry.Date, entry.LastModified));
            }
        }

        return new ListingRead(FetchOutcome.Ok, links, indexValidators, chosen);
    }

    private async Task<(FetchOutcome Outcome, SitemapContent? Content, FetchResult? Result, string? Error)> FetchSitemapAsync(
        Uri url, HttpValidators? validators, CancellationToken cancellationToken)
    {
        await using var fetched = await _fetcher.FetchStreamAsync(new FetchRequest(url, validators?.ETag, validators?.LastModified), cancellationToken).ConfigureAwait(false);
        var result = fetched.Result;
        if (fetched.Body is null || !result.IsOk)
        {
            return (result.Outcome, null, result, result.Error ?? result.Outcome.ToString());
        }

        try
        {
            var content = await SitemapReader.ReadAsync(fetched.Body, result.FinalUrl ?? url, _options.MaxSitemapBytes, SitemapReader.DefaultMaxEntries, cancellationToken).ConfigureAwait(false);
            return (FetchOutcome.Ok, content, result, null);
        }
        catch (FormatException ex)
        {
            return (FetchOutcome.Ok, null, result, $"The sitemap could not be read: {ex.Message}");
        }
    }

    private async Task<ListingRead> ReadAutoAsync(Source source, CancellationToken cancellationToken)
    {
        var home = await _fetcher.FetchAsync(new FetchRequest(source.Url), cancellationToken).ConfigureAwait(false);
        if (!home.IsOk || home.Content is null)
        {
            return new ListingRead(home.Outcome, [], null, null, home.Error ?? home.Outcome.ToString());
        }

        var baseUrl = home.FinalUrl ?? source.Url;
        string? tried = null;
        if (AlternateFeed(home.Content, baseUrl) is { } feed)
        {
            var read = await ReadDocumentAsync(source, SourceKind.Feed, feed, null, cancellationToken).ConfigureAwait(false);
            if (read.IsOk && read.Links.Count > 0)
            {
                return read with { Validators = null, Chosen = $"feed {feed} (named by the page's link rel=alternate)" };
            }

            tried = $"the feed {feed} gave {(read.IsOk ? "no links" : read.Error)}; ";
        }

        if (!baseUrl.IsFile && await _robots.GetAsync(baseUrl, cancellationToken).ConfigureAwait(false) is { Sitemaps.Count: > 0 } robots)
        {
            var sitemaps = robots.Sitemaps
                .Select(s => Uri.TryCreate(baseUrl, s, out var u) ? u : null)
                .OfType<Uri>()
                .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
                .OrderByDescending(u => u.AbsolutePath.Contains("news", StringComparison.OrdinalIgnoreCase))
                .ToList();
            foreach (var sitemap in sitemaps.Take(2))
            {
                var read = await ReadSitemapAsync(source, sitemap, null, cancellationToken).ConfigureAwait(false);
                if (read.IsOk && read.Links.Count > 0)
                {
                    return read with { Validators = null, Chosen = $"sitemap {sitemap} (named in robots.txt)" + (read.Chosen is null ? "" : $": {read.Chosen}") };
                }

                tried += $"the sitemap {sitemap} gave {(read.IsOk ? "no links" : read.Error)}; ";
            }
        }

        try
        {
            var links = _discoverer.Discover(source with { Kind = SourceKind.Page }, home.Content, baseUrl);
            return new ListingRead(FetchOutcome.Ok, links, null, $"{tried}the page's own links");
        }
        catch (FormatException ex)
        {
            return new ListingRead(FetchOutcome.Ok, [], null, null, $"The page could not be read: {ex.Message}", Malformed: true);
        }
    }

    /// <summary>The first RSS or Atom feed that <c>&lt;link rel="alternate"&gt;</c> names, preferring one on the page's host.</summary>
    internal static Uri? AlternateFeed(string html, Uri baseUrl)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        var feeds = document.QuerySelectorAll("link[href]")
            .Where(l => (l.GetAttribute("rel") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase))
            .Where(l => (l.GetAttribute("type") ?? "").Trim().ToLowerInvariant() is "application/rss+xml" or "application/atom+xml" or "application/rdf+xml")
            .Select(l => Uri.TryCreate(baseUrl, l.GetAttribute("href")!.Trim(), out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps || (u.IsFile && baseUrl.IsFile))
            .ToList();
        return feeds.FirstOrDefault(u => string.Equals(u.Host, baseUrl.Host, StringComparison.OrdinalIgnoreCase)) ?? feeds.FirstOrDefault();
    }

    private HttpValidators? Validators(FetchResult fetched, TimeSpan? ttl)
    {
        var freshFor = Max(fetched.MaxAge, ttl);
        DateTimeOffset? freshUntil = freshFor > TimeSpan.Zero
            ? _time.GetUtcNow() + (freshFor.Value > MaxFreshness ? MaxFreshness : freshFor.Value)
            : null;
        return fetched.ETag is null && fetched.LastModified is null && freshUntil is null
            ? null
            : new HttpValidators(fetched.ETag, fetched.LastModified, freshUntil) { FreshFor = freshUntil is null ? null : freshFor };
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>An RSS channel's <c>&lt;ttl&gt;</c> (minutes), if any.</summary>
    internal static TimeSpan? FeedTtl(string content)
    {
        var match = TtlRegex().Match(content.Length > 64 * 1024 ? content[..(64 * 1024)] : content);
        return match.Success && int.TryParse(match.Groups["minutes"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes)
            : null;
    }

    private Regex? PatternOf(Source source)
    {
        if (string.IsNullOrEmpty(source.LinkPattern))
        {
            return null;
        }

        return _patterns.GetOrAdd(source.LinkPattern, static p => LinkPatternCheck.Create(p));
    }

    [GeneratedRegex(@"<ttl>\s*(?<minutes>\d{1,6})\s*</ttl>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TtlRegex();

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} read {Chosen}: {LinkCount} links")]
    private static partial void LogChosen(ILogger logger, string sourceId, string chosen, int linkCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId}: sitemap {SitemapUrl} of its index failed: {Error}")]
    private static partial void LogChildFailed(ILogger logger, string sourceId, string sitemapUrl, string error);
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NewsWatch.Benchmarks.Scale;

/// <summary>
/// A loopback news world: one Kestrel server listening on <c>hosts</c> ports of 127.0.0.1 (each port is its own host to
/// NewsWatch), every answer delayed by <c>latency</c>. Each host has a robots.txt (<c>Disallow: /news/private/</c>,
/// optionally a <c>Crawl-delay</c>), and its sources alternate between HTML section pages (<c>/section/{k}/</c>) and RSS
/// feeds (<c>/feeds/{k}.xml</c>); a source's first article is also listed by the next source of its host. Listings,
/// feeds and articles carry an ETag and Last-Modified and answer 304 to a matching conditional GET. Every host counts
/// requests, body bytes, 304s, the most requests in flight at once and the smallest gap between two request arrivals.
/// </summary>
internal sealed class NewsSimulator : IAsyncDisposable
{
    /// <summary>A sentence that makes an article match the rule <c>ceasefire</c>.</summary>
    public const string CeasefireSentence = "Negotiators said a ceasefire could be agreed within days, though neither side would confirm it.";

    /// <summary>A sentence that makes an article match the rule <c>boots</c>.</summary>
    public const string BootsSentence = "No government is yet talking about boots on the ground, one official said.";

    private readonly WebApplication _app;
    private readonly Dictionary<int, SimHost> _byPort;
    private readonly TimeSpan _latency;
    private int _nextArticleId;

    private NewsSimulator(WebApplication app, IReadOnlyList<SimHost> hosts, TimeSpan latency)
    {
        _app = app;
        Hosts = hosts;
        _byPort = hosts.ToDictionary(h => h.Port);
        _latency = latency;
    }

    /// <summary>The hosts, in order.</summary>
    public IReadOnlyList<SimHost> Hosts { get; }

    /// <summary>
    /// Starts <paramref name="hosts"/> hosts sharing <paramref name="sources"/> sources (as evenly as they divide), each
    /// source listing <paramref name="articlesPerSource"/> articles published in the last hours.
    /// </summary>
    public static async Task<NewsSimulator> StartAsync(int sources, int hosts, int articlesPerSource, TimeSpan latency, double crawlDelaySeconds)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "NewsSimulator", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            for (var i = 0; i < hosts; i++)
            {
                o.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        NewsSimulator? simulator = null;
        app.Run(context => simulator!.DispatchAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).Order().ToList();
        var list = new List<SimHost>();
        for (var h = 0; h < hosts; h++)
        {
            var count = sources / hosts + (h < sources % hosts ? 1 : 0);
            list.Add(new SimHost(h, ports[h], count, crawlDelaySeconds));
        }

        simulator = new NewsSimulator(app, list, latency);
        var now = DateTimeOffset.UtcNow;
        foreach (var host in list)
        {
            foreach (var source in host.Sources)
            {
                for (var i = 0; i < articlesPerSource; i++)
                {
                    var id = Interlocked.Increment(ref simulator._nextArticleId);
                    var keywords = (id % 3 == 0, id % 7 == 0);
                    var article = host.CreateArticle(source, id, now - TimeSpan.FromMinutes(5 + (articlesPerSource - i) * 7), keywords.Item1, keywords.Item2);
                    host.List(source, article, now);
                }
            }

            // Each source's first article is also listed by the next source of the host: one fetch is enough.
            for (var k = 0; k < host.Sources.Count && host.Sources.Count > 1; k++)
            {
                var first = host.Sources[k].Articles.LastOrDefault();
                if (first is not null)
                {
                    host.List(host.Sources[(k + 1) % host.Sources.Count], first, now);
                }
            }

            foreach (var source in host.Sources)
            {
                // Published in ascending order; listings show the newest first.
                source.Articles.Sort((a, b) => b.PublishedAt.CompareTo(a.PublishedAt));
            }
        }

        return simulator;
    }

    /// <summary>
    /// Publishes a new article that matches the rule <c>ceasefire</c> on source <paramref name="sourceIndex"/> of host
    /// <paramref name="hostIndex"/> (and, when <paramref name="shared"/>, on the host's next source too).
    /// </summary>
    public SimArticle Publish(int hostIndex, int sourceIndex, bool shared)
    {
        var host = Hosts[hostIndex];
        var source = host.Sources[sourceIndex];
        var now = DateTimeOffset.UtcNow;
        var article = host.CreateArticle(source, Interlocked.Increment(ref _nextArticleId), now, ceasefire: true, boots: false);
        host.List(source, article, now);
        if (shared && host.Sources.Count > 1)
        {
            host.List(host.Sources[(sourceIndex + 1) % host.Sources.Count], article, now);
        }

        return article;
    }

    /// <summary>Every article a listing shows that should alert, as (rule id, article URL).</summary>
    public HashSet<(string RuleId, string Url)> DueAlerts()
    {
        var due = new HashSet<(string, string)>();
        foreach (var host in Hosts)
        {
            foreach (var article in host.ListedArticles())
            {
                if (article.Ceasefire)
                {
                    due.Add(("ceasefire", article.Url));
                }

                if (article.Boots)
                {
                    due.Add(("boots", article.Url));
                }
            }
        }

        return due;
    }

    /// <summary>Zeroes every host's counters (between two measured cycles).</summary>
    public void ResetStats()
    {
        foreach (var host in Hosts)
        {
            host.Stats.Reset();
        }
    }

    /// <summary>A config for these hosts: one source per simulated source, two rules, one subscriber.</summary>
    public string ConfigJson(bool withFetchSection)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"sources\": [\n");
        var first = true;
        foreach (var host in Hosts)
        {
            foreach (var source in host.Sources)
            {
                sb.Append(first ? "    " : ",\n    ");
                first = false;
                sb.Append(CultureInfo.InvariantCulture, $"{{ \"id\": \"{source.Id}\", \"url\": \"{source.Url}\", \"kind\": \"{(source.IsFeed ? "feed" : "page")}\"");
                if (!source.IsFeed)
                {
                    sb.Append(", \"linkPattern\": \"/news/\"");
                }

                sb.Append(" }");
            }
        }

        sb.Append("\n  ],\n");
        sb.Append("  \"rules\": [\n    { \"id\": \"ceasefire\", \"query\": \"ceasefire OR \\\"cease-fire\\\"\" },\n    { \"id\": \"boots\", \"query\": \"\\\"boots on the ground\\\"\" }\n  ],\n");
        sb.Append("  \"subscribers\": [ { \"email\": \"desk@example.org\", \"rules\": [\"*\"] } ],\n");
        sb.Append("  \"smtp\": { \"host\": \"127.0.0.1\", \"port\": 2525, \"tls\": \"none\", \"from\": \"newswatch@example.org\" }");
        if (withFetchSection)
        {
            sb.Append(",\n  \"fetch\": { \"maxInFlightPerHost\": 2, \"minIntervalSeconds\": 1 }");
        }

        sb.Append("\n}\n");
        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var host = _byPort[context.Connection.LocalPort];
        var stats = host.Stats;
        stats.Enter();
        if (Environment.GetEnvironmentVariable("SIM_TRACE") == "1")
        {
            Console.Error.WriteLine($"trace h{host.Index} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:0.000} {context.Request.Path}");
        }

        try
        {
            await Task.Delay(_latency, context.RequestAborted).ConfigureAwait(false);
            var (status, body, contentType, etag, lastModified) = host.Answer(context.Request);
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
            }

            if (lastModified is { } lm)
            {
                context.Response.Headers.LastModified = lm.ToString("R", CultureInfo.InvariantCulture);
            }

            context.Response.StatusCode = status;
            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = contentType;
                context.Response.ContentLength = bytes.Length;
                stats.AddBytes(bytes.Length);
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up.
        }
        finally
        {
            stats.Exit();
        }
    }
}

/// <summary>One simulated host: its sources, articles, robots.txt and counters.</summary>
internal sealed class SimHost
{
    private readonly Dictionary<string, SimArticle> _articles = new(StringComparer.Ordinal);
    private readonly double _crawlDelay;

    public SimHost(int index, int port, int sources, double crawlDelaySeconds)
    {
        Index = index;
        Port = port;
        _crawlDelay = crawlDelaySeconds;
        for (var k = 0; k < sources; k++)
        {
            var feed = k % 2 == 1;
            var path = feed ? $"/feeds/{k}.xml" : $"/section/{k}/";
            Sources.Add(new SimSource($"h{index}-s{k}", new Uri(BaseUri, path), feed));
        }
    }

    public int Index { get; }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public List<SimSource> Sources { get; } = [];

    public HostStats Stats { get; } = new();

    /// <summary>The least time NewsWatch should leave between two requests here: 1 s, or the crawl delay.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, _crawlDelay));

    public SimArticle CreateArticle(SimSource source, int id, DateTimeOffset publishedAt, bool ceasefire, bool boots)
    {
        var path = $"/news/{publishedAt:yyyy}/{publishedAt:MM}/{publishedAt:dd}/{source.Id}-{id}.html";
        var article = new SimArticle(id, new Uri(BaseUri, path).AbsoluteUri, path, ArticleText.Title(id), publishedAt, ceasefire, boots);
        lock (this)
        {
            _articles[path] = article;
        }

        return article;
    }

    public void List(SimSource source, SimArticle article, DateTimeOffset now)
    {
        lock (this)
        {
            source.Articles.Insert(0, article);
            source.Version++;
            source.LastModified = now;
        }
    }

    public List<SimArticle> ListedArticles()
    {
        lock (this)
        {
            return Sources.SelectMany(s => s.Articles).Distinct().ToList();
        }
    }

    public (int Status, string? Body, string? ContentType, string? ETag, DateTimeOffset? LastModified) Answer(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path == "/robots.txt")
        {
            Stats.Count(RequestKind.Robots);
            var delay = _crawlDelay > 0 ? $"Crawl-delay: {_crawlDelay.ToString(CultureInfo.InvariantCulture)}\n" : string.Empty;
            return (200, $"User-agent: *\nDisallow: /news/private/\n{delay}", "text/plain; charset=utf-8", null, null);
        }

        if (path.StartsWith("/news/private/", StringComparison.Ordinal))
        {
            Stats.Count(RequestKind.Disallowed);
            return (200, "<html><body><p>private</p></body></html>", "text/html; charset=utf-8", null, null);
        }

        lock (this)
        {
            if (Sources.FirstOrDefault(s => s.Url.AbsolutePath == path) is { } source)
            {
                Stats.Count(RequestKind.Listing);
                var etag = $"\"{source.Id}-v{source.Version}\"";
                var lastModified = Truncate(source.LastModified);
                if (NotModified(request, etag, lastModified))
                {
                    Stats.Count(RequestKind.NotModified);
                    return (304, null, null, etag, lastModified);
                }

                return source.IsFeed
                    ? (200, Feed(source), "application/rss+xml; charset=utf-8", etag, lastModified)
                    : (200, Listing(source), "text/html; charset=utf-8", etag, lastModified);
            }

            if (_articles.TryGetValue(path, out var article))
            {
                Stats.Count(RequestKind.Article);
                var etag = $"\"a{article.Id}\"";
                var lastModified = Truncate(article.PublishedAt);
                if (NotModified(request, etag, lastModified))
                {
                    Stats.Count(RequestKind.NotModified);
                    return (304, null, null, etag, lastModified);
                }

                return (200, ArticlePage(article), "text/html; charset=utf-8", etag, lastModified);
            }
        }

        Stats.Count(RequestKind.Other);
        return (404, "<html><body>Not found</body></html>", "text/html; charset=utf-8", null, null);
    }

    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            return ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
        }

        return DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) &&
               since >= lastModified;
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private string Nav() =>
        "<header class=\"masthead\"><div class=\"logo\"><a href=\"/\">The Loopback Times " + Index.ToString(CultureInfo.InvariantCulture) + "</a></div><nav><ul>" +
        string.Concat(Sources.Where(s => !s.IsFeed).Take(6).Select(s => $"<li><a href=\"{s.Url.AbsolutePath}\">Section {s.Id}</a></li>")) +
        "</ul></nav></header>";

    private static string Footer() =>
        "<footer><p>Sign up for our ceasefire briefing, every morning.</p><p><a href=\"/about\">About us</a> · <a href=\"/privacy\">Privacy</a></p><p>&copy; 2026 Loopback Media</p></footer>";

    private string Listing(SimSource source)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(source.Id).Append(" | The Loopback Times</title></head><body>");
        sb.Append(Nav());
        sb.Append("<main><h1>Latest from ").Append(source.Id).Append("</h1><ul class=\"stories\">");
        foreach (var a in source.Articles)
        {
            sb.Append("<li class=\"story\"><h2><a href=\"").Append(a.Path).Append("\">").Append(WebUtility.HtmlEncode(a.Title)).Append("</a></h2>")
                .Append("<p class=\"teaser\">").Append(WebUtility.HtmlEncode(ArticleText.Paragraphs(a.Id, 1)[0])).Append("</p>")
                .Append("<time datetime=\"").Append(a.PublishedAt.ToString("o", CultureInfo.InvariantCulture)).Append("\"></time></li>");
        }

        sb.Append("<li class=\"story\"><a href=\"/news/private/").Append(source.Id).Append(".html\">Members only</a></li>");
        sb.Append("</ul></main>");
        sb.Append("<aside class=\"sidebar\"><h2>Most read</h2><ul><li><a href=\"/most-read/1\">Ceasefire hopes lift markets</a></li></ul></aside>");
        sb.Append(Footer()).Append("</body></html>");
        return sb.ToString();
    }

    private static string Feed(SimSource source)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>").Append(source.Id).Append("</title><link>")
            .Append(source.Url.AbsoluteUri).Append("</link><description>Latest stories</description>");
        foreach (var a in source.Articles)
        {
            sb.Append("<item><title>").Append(WebUtility.HtmlEncode(a.Title)).Append("</title><link>").Append(a.Url).Append("</link><guid>").Append(a.Url)
                .Append("</guid><pubDate>").Append(a.PublishedAt.ToString("R", CultureInfo.InvariantCulture)).Append("</pubDate><description>")
                .Append(WebUtility.HtmlEncode(ArticleText.Paragraphs(a.Id, 1)[0])).Append("</description></item>");
        }

        sb.Append("</channel></rss>");
        return sb.ToString();
    }

    private string ArticlePage(SimArticle a)
    {
        var paragraphs = ArticleText.Paragraphs(a.Id, 7).ToList();
        if (a.Ceasefire)
        {
            paragraphs[2] += " " + NewsSimulator.CeasefireSentence;
        }

        if (a.Boots)
        {
            paragraphs[4] += " " + NewsSimulator.BootsSentence;
        }

        var published = a.PublishedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var title = WebUtility.HtmlEncode(a.Title);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append(" | The Loopback Times</title>")
            .Append("<link rel=\"canonical\" href=\"").Append(a.Url).Append("\">")
            .Append("<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"").Append(title).Append("\">")
            .Append("<meta property=\"article:published_time\" content=\"").Append(published).Append("\">")
            .Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"")
            .Append(a.Title.Replace("\"", "'", StringComparison.Ordinal)).Append("\",\"datePublished\":\"").Append(published).Append("\"}</script>")
            .Append("</head><body>");
        sb.Append(Nav());
        sb.Append("<main><article><h1>").Append(title).Append("</h1><p class=\"byline\">By Staff Reporter · <time datetime=\"").Append(published).Append("\">")
            .Append(a.PublishedAt.ToString("d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)).Append("</time></p>");
        foreach (var p in paragraphs)
        {
            sb.Append("<p>").Append(WebUtility.HtmlEncode(p)).Append("</p>");
        }

        sb.Append("</article>");
        sb.Append("<aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/most-read/2\">Allies debate sending troops after a ceasefire</a></li><li><a href=\"/most-read/3\">Why boots on the ground are not on the table</a></li></ul></aside></main>");
        sb.Append(Footer()).Append("</body></html>");
        return sb.ToString();
    }
}

/// <summary>One simulated source: a section page or a feed, newest article first.</summary>
internal sealed class SimSource(string id, Uri url, bool isFeed)
{
    public string Id { get; } = id;

    public Uri Url { get; } = url;

    public bool IsFeed { get; } = isFeed;

    public List<SimArticle> Articles { get; } = [];

    public int Version { get; set; }

    public DateTimeOffset LastModified { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One simulated article.</summary>
internal sealed record SimArticle(int Id, string Url, string Path, string Title, DateTimeOffset PublishedAt, bool Ceasefire, bool Boots);

/// <summary>What a request asked for.</summary>
internal enum RequestKind
{
    Robots,
    Listing,
    Article,
    NotModified,
    Disallowed,
    Other,
}

/// <summary>A host's counters, as the server sees them.</summary>
internal sealed class HostStats
{
    private readonly object _gate = new();
    private readonly int[] _kinds = new int[Enum.GetValues<RequestKind>().Length];
    private long _lastArrival;
    private int _inFlight;

    public int Requests { get; private set; }

    public long Bytes { get; private set; }

    public int MaxInFlight { get; private set; }

    public TimeSpan? MinGap { get; private set; }

    public int Of(RequestKind kind)
    {
        lock (_gate)
        {
            return _kinds[(int)kind];
        }
    }

    public void Enter()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Requests++;
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            if (_lastArrival != 0)
            {
                var gap = Stopwatch.GetElapsedTime(_lastArrival, now);
                MinGap = MinGap is { } g && g < gap ? g : gap;
            }

            _lastArrival = now;
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }

    public void Count(RequestKind kind)
    {
        lock (_gate)
        {
            _kinds[(int)kind]++;
        }
    }

    public void AddBytes(long bytes)
    {
        lock (_gate)
        {
            Bytes += bytes;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            Requests = 0;
            Bytes = 0;
            MaxInFlight = _inFlight;
            MinGap = null;
            _lastArrival = 0;
            Array.Clear(_kinds);
        }
    }
}

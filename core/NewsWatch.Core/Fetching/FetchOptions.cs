using System.ComponentModel.DataAnnotations;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Settings of the page fetcher (section <c>Fetch</c>). The ranges are those that the Polly strategies accept, so a
/// wrong value fails at start with every message at once rather than when the first page is fetched.
/// </summary>
public sealed class FetchOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Fetch";

    /// <summary>
    /// The User-Agent header. Null (the default) takes the config's <c>fetch.userAgent</c>, else
    /// <c>NewsWatch/{version} (+https://github.com/newswatch/newswatch)</c>.
    /// </summary>
    [StringLength(300, MinimumLength = 1)]
    public string? UserAgent { get; set; }

    /// <summary>Requests in flight at one host at once, across every source. Null takes the config's value, else 2.</summary>
    [Range(1, 64)]
    public int? MaxInFlightPerHost { get; set; }

    /// <summary>
    /// The least time in seconds between two request starts at one host (a robots.txt <c>Crawl-delay</c> raises it).
    /// Null takes the config's value, else 1.
    /// </summary>
    [Range(0.0, 300.0)]
    public double? MinIntervalSeconds { get; set; }

    /// <summary>Limits for named hosts (host name or host:port), over the general ones.</summary>
    public Dictionary<string, HostFetchOptions> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest sitemap accepted, counted after decompression (sitemaps are streamed, not held in memory). Default 200 MiB.</summary>
    [Range(1024L, 1L << 32)]
    public long MaxSitemapBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The largest body accepted, counted after decompression. Default 5 MiB.</summary>
    [Range(1024L, 1L << 30)]
    public long MaxResponseBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>The time one attempt may take, headers and body. Default 20 s.</summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The time a whole fetch may take from its first request on: every redirect, attempt, retry delay and the waits for
    /// the host's turn between them. The wait for the host's turn before the first request is bounded by
    /// <see cref="MaxHostWait"/> instead, so that a page queued behind a crawl delay or a slowed host is not given up
    /// while it waits its turn. Default 60 s.
    /// </summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest a fetch waits for its first turn at the host (a slot and the host's interval); past it the fetch
    /// ends <see cref="FetchOutcome.Timeout"/> without a request. Default 3 min.
    /// </summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan MaxHostWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after the first attempt on 408, 429, 5xx, network errors and attempt timeouts. Default 3; 0 turns retries off.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter. Default 1 s.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>Retry-After</c> (delta or date) that is waited for. A longer one ends the fetch at once as
    /// <see cref="FetchOutcome.RateLimited"/>: the next scan comes sooner than that. Default 30 s.
    /// </summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed before <see cref="FetchOutcome.TooManyRedirects"/>. Default 5.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Concurrent connections to one host (the connection pool's limit; the politeness limit <see cref="MaxInFlightPerHost"/> is usually lower). Default 4.</summary>
    [Range(1, 256)]
    public int MaxConnectionsPerHost { get; set; } = 4;

    /// <summary>
    /// Share of failed requests to one host, within the sampling duration, that opens its circuit. Default 0.9: a host that
    /// is down opens it; a host where some paths are broken (a 500, a reset, a slow page, each tried a few times) beside
    /// sound ones does not, so its sound sources go on.
    /// </summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.9;

    /// <summary>Requests to one host within the sampling duration before the circuit may open. Default 10.</summary>
    [Range(2, int.MaxValue)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the failure ratio is measured. Default 60 s.</summary>
    [TimeSpanRange("00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit rejects requests to its host before one is let through. Default 2 min.</summary>
    [TimeSpanRange("00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(2);
}

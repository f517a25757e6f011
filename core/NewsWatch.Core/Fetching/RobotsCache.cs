using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.State;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// robots.txt per origin, as RFC 9309 says: read through the fetcher's own HTTP client (so politeness, the
/// private-network guard and retries apply), redirects followed up to 5; a 2xx is parsed, a 4xx allows everything,
/// a 429, 5xx or no answer disallows everything until it can be read (asked again after
/// <see cref="UnreachableRetry"/>). A readable answer is kept <see cref="Lifetime"/> in memory and in the state store
/// (partition <see cref="StatePartitions.Robots"/>), so every instance shares it. Its <c>Crawl-delay</c> is passed
/// to the <see cref="HostThrottle"/>.
/// </summary>
internal sealed partial class RobotsCache
{
    /// <summary>How long a read robots.txt is trusted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How soon an unreachable robots.txt is asked for again.</summary>
    public static readonly TimeSpan UnreachableRetry = TimeSpan.FromMinutes(1);

    private const int MaxRedirects = 5;

    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IHttpClientFactory _clients;
    private readonly HostThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly IStateStore? _state;
    private readonly ILogger<RobotsCache> _logger;

    public RobotsCache(IHttpClientFactory clients, HostThrottle throttle, TimeProvider time, ILogger<RobotsCache> logger, IServiceProvider services)
    {
        _clients = clients;
        _throttle = throttle;
        _time = time;
        _logger = logger;

        // The fetcher also runs without storage (the CLI's extract/match): then the cache is this process's only.
        _state = services.GetService<IStateStore>();
    }

    /// <summary>Whether <paramref name="url"/> may be fetched; reads the origin's robots.txt first when needed.</summary>
    public async Task<RobotsCheck> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(url, cancellationToken).ConfigureAwait(false);
        if (entry.Robots is { } robots)
        {
            return robots.IsAllowed(url) ? RobotsCheck.Yes : new RobotsCheck(false, FetchOutcome.Disallowed, $"robots.txt of {Origin(url)} disallows {url.PathAndQuery}");
        }

        return url.AbsolutePath == "/robots.txt" ? RobotsCheck.Yes : new RobotsCheck(false, entry.Outcome, entry.Reason);
    }

    /// <summary>The parsed robots.txt of <paramref name="url"/>'s origin, or null when it could not be read.</summary>
    public async Task<RobotsTxt?> GetAsync(Uri url, CancellationToken cancellationToken) =>
        (await GetEntryAsync(url, cancellationToken).ConfigureAwait(false)).Robots;

    private async Task<Entry> GetEntryAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = Origin(url);
        while (true)
        {
            var lazy = _entries.GetOrAdd(origin, o => new Lazy<Task<Entry>>(() => LoadAsync(o, CancellationToken.None)));
            Entry entry;
            try
            {
                entry = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(origin, lazy));
                throw;
            }

            if (entry.ExpiresAt > _time.GetUtcNow())
            {
                return entry;
            }

            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(origin, lazy));
        }
    }

    private async Task<Entry> LoadAsync(string origin, CancellationToken cancellationToken)
    {
        var originUrl = new Uri(origin);
        var stored = await ReadStoredAsync(origin, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.ExpiresAt > _time.GetUtcNow())
        {
            return Accept(originUrl, stored);
        }

        var (record, failure) = await FetchAsync(originUrl, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            LogUnreachable(_logger, origin, failure!.Reason ?? failure.Outcome.ToString());
            return failure!;
        }

        await StoreAsync(origin, record, cancellationToken).ConfigureAwait(false);
        return Accept(originUrl, record);
    }

    private async Task<RobotsRecord?> ReadStoredAsync(string origin, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return null;
        }

        try
        {
            return await _state.GetJsonAsync<RobotsRecord>(StatePartitions.Robots, origin, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The shared copy is an optimisation: when storage fails, robots.txt is read from the site.
            LogStateFailed(_logger, origin, ex.Message);
            return null;
        }
    }

    private async Task StoreAsync(string origin, RobotsRecord record, CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return;
        }

        try
        {
            await _state.SetJsonAsync(StatePartitions.Robots, origin, record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStateFailed(_logger, origin, ex.Message);
        }
    }

    private Entry Accept(Uri origin, RobotsRecord record)
    {
        var robots = record.Content is null ? RobotsTxt.AllowAll : RobotsTxt.Parse(record.Content);
        _throttle.SetCrawlDelay(origin, robots.CrawlDelay);
        return new Entry(robots, FetchOutcome.Ok, null, record.ExpiresAt);
    }

    private async Task<(RobotsRecord? Record, Entry? Failure)> FetchAsync(Uri origin, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(HttpPageFetcher.HttpClientName);
        var url = new Uri(origin, "/robots.txt");
        var retryAt = _time.GetUtcNow() + UnreachableRetry;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location && redirects < MaxRedirects)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    {
                        return (Allowed(status), null);
                    }

                    url = next;
                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    var content = await ReadHeadAsync(response, cancellationToken).ConfigureAwait(false);
                    return (new RobotsRecord(content, status, _time.GetUtcNow(), _time.GetUtcNow() + Lifetime), null);
                }

                // RFC 9309 2.3.1: too many redirects and 4xx ("unavailable") allow everything; 429 is taken as a server error.
                if (status is >= 300 and < 500 && status != 429)
                {
                    return (Allowed(status), null);
                }

                var outcome = status == 429 ? FetchOutcome.RateLimited : FetchOutcome.ServerError;
                return (null, Unreadable(origin, outcome, $"HTTP {status}", retryAt));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException ex) when (PrivateNetworkRefusedException.Find(ex) is { } refused)
        {
            return (null, new Entry(null, FetchOutcome.Forbidden, refused.Message, retryAt));
        }
        catch (ResponseTooLargeException)
        {
            // A robots.txt over the page cap is no robots.txt anyone meant: treated as unavailable.
            return (Allowed(200), null);
        }
        catch (HttpRequestException ex)
        {
            return (null, Unreadable(origin, FetchOutcome.NetworkError, ex.Message, retryAt));
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            return (null, Unreadable(origin, FetchOutcome.Timeout, ex.Message, retryAt));
        }
        catch (BrokenCircuitException ex)
        {
            return (null, Unreadable(origin, FetchOutcome.CircuitOpen, ex.Message, retryAt));
        }
        catch (HostRateLimitedException ex)
        {
            return (null, Unreadable(origin, FetchOutcome.RateLimited, ex.Message, retryAt));
        }
    }

    /// <summary>
    /// robots.txt could not be read: nothing is fetched from the origin until it can be. The outcome says why (a server
    /// or network failure of the site, not a disallow), so the source's health shows the site as failing.
    /// </summary>
    private static Entry Unreadable(Uri origin, FetchOutcome outcome, string why, DateTimeOffset retryAt) =>
        new(null, outcome, $"robots.txt of {origin.Authority} cannot be read ({why}): nothing is fetched there until it can be", retryAt);

    private RobotsRecord Allowed(int status) => new(null, status, _time.GetUtcNow(), _time.GetUtcNow() + Lifetime);

    private static async Task<string> ReadHeadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[RobotsTxt.MaxParsedBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "robots.txt of {Origin} cannot be read: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string origin, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "robots.txt of {Origin} could not be read from or written to the state store: {Reason}")]
    private static partial void LogStateFailed(ILogger logger, string origin, string reason);

    private sealed record Entry(RobotsTxt? Robots, FetchOutcome Outcome, string? Reason, DateTimeOffset ExpiresAt);
}

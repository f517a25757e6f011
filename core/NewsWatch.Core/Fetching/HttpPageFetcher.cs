using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Fetches http(s) pages and feeds through the named client <see cref="HttpClientName"/> (resilience pipeline and body
/// cap in its handler chain), following redirects itself so it can count them and report the final URL; reads
/// <c>file://</c> URLs from disk with the same charset detection and size cap. Every failure is a
/// <see cref="FetchOutcome"/>; only the caller's cancellation throws.
/// </summary>
internal sealed partial class HttpPageFetcher : IPageFetcher
{
    /// <summary>The name of the <see cref="HttpClient"/> the fetcher asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "NewsWatch.Fetch";

    private readonly IHttpClientFactory _clients;
    private readonly FetchOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpPageFetcher> _logger;
    private readonly RobotsCache _robots;
    private readonly FetchPolicy _policy;

    public HttpPageFetcher(
        IHttpClientFactory clients,
        IOptions<FetchOptions> options,
        RobotsCache robots,
        FetchPolicy policy,
        TimeProvider timeProvider,
        ILogger<HttpPageFetcher> logger)
    {
        _clients = clients;
        _robots = robots;
        _policy = policy;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var fetched = await FetchAnyAsync(request, stream: false, cancellationToken).ConfigureAwait(false);
        return fetched.Result;
    }

    /// <inheritdoc />
    public Task<StreamedFetch> FetchStreamAsync(FetchRequest request, CancellationToken cancellationToken) =>
        FetchAnyAsync(request, stream: true, cancellationToken);

    private async Task<StreamedFetch> FetchAnyAsync(FetchRequest request, bool stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.Url;
        StreamedFetch fetched;
        if (!url.IsAbsoluteUri)
        {
            fetched = new(Fail(request, FetchOutcome.InvalidUrl, $"'{url}' is not an absolute URL"), null);
        }
        else if (url.IsFile)
        {
            fetched = stream ? OpenFile(request) : new(await ReadFileAsync(request, cancellationToken).ConfigureAwait(false), null);
        }
        else if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            fetched = new(Fail(request, FetchOutcome.InvalidUrl, $"the scheme '{url.Scheme}' is not fetched (http, https or file only)"), null);
        }
        else
        {
            fetched = await FetchHttpAsync(request, stream, cancellationToken).ConfigureAwait(false);
        }

        var result = fetched.Result;

        if (result.Outcome is FetchOutcome.Ok or FetchOutcome.NotModified)
        {
            LogFetched(_logger, url, result.Outcome, result.StatusCode, result.FinalUrl);
        }
        else
        {
            LogFetchFailed(_logger, url, result.Outcome, result.Error);
        }

        return fetched;
    }

    private async Task<StreamedFetch> FetchHttpAsync(FetchRequest request, bool stream, CancellationToken cancellationToken)
    {
        // The budget of the fetch: MaxHostWait for its first turn at the host, then TotalTimeout from the first request on
        // (retries, redirects and their turns at the host included). The politeness handler calls Sending on each send.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new CancellationTokenSource(_options.MaxHostWait, _timeProvider);
        using var link = timer.Token.UnsafeRegister(static b => ((CancellationTokenSource)b!).Cancel(), budget);
        var sent = 0;
        void Sending()
        {
            if (Interlocked.Exchange(ref sent, 1) == 0)
            {
                timer.CancelAfter(_options.TotalTimeout);
            }
        }

        try
        {
            await _policy.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return await FollowRedirectsAsync(request, stream, Sending, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            return Failed(request, FetchOutcome.Timeout, $"no complete answer within {ex.Timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            return Volatile.Read(ref sent) == 0
                ? Failed(request, FetchOutcome.Timeout, $"no turn at {request.Url.Authority} within {_options.MaxHostWait.TotalSeconds:0.###} s (its politeness limits, a crawl delay or a Retry-After)")
                : Failed(request, FetchOutcome.Timeout, $"no complete answer within {_options.TotalTimeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            return Failed(request, FetchOutcome.Timeout, "the request was cancelled before an answer came");
        }
        catch (BrokenCircuitException ex)
        {
            return Failed(request, FetchOutcome.CircuitOpen, $"too many recent failures on {request.Url.Authority}: {ex.Message}");
        }
        catch (ResponseTooLargeException ex)
        {
            return Failed(request, FetchOutcome.TooLarge, ex.Message);
        }
        catch (HostRateLimitedException ex)
        {
            return Failed(request, FetchOutcome.RateLimited, ex.Message);
        }
        catch (HttpRequestException ex) when (PrivateNetworkRefusedException.Find(ex) is { } refused)
        {
            return Failed(request, FetchOutcome.Forbidden, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return Failed(request, FetchOutcome.NetworkError, ex.HttpRequestError == HttpRequestError.Unknown
                ? ex.Message
                : $"{ex.HttpRequestError}: {ex.Message}");
        }
    }

    private async Task<StreamedFetch> FollowRedirectsAsync(FetchRequest request, bool stream, Action sending, CancellationToken cancellationToken)
    {
        var client = _clients.CreateClient(HttpClientName);
        var url = request.Url;
        for (var redirects = 0; ; redirects++)
        {
            // Every hop is checked: a redirect into a disallowed path is not followed.
            var robots = await _robots.CheckAsync(url, cancellationToken).ConfigureAwait(false);
            if (!robots.Allowed)
            {
                return Failed(request, robots.Outcome, robots.Reason ?? robots.Outcome.ToString(), finalUrl: url);
            }

            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Options.Set(PolitenessHandler.Sending, sending);
            if (stream)
            {
                message.Options.Set(BodyLimitHandler.SpoolLimit, _options.MaxSitemapBytes);
            }

            if (!string.IsNullOrEmpty(request.ETag))
            {
                message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
            }

            if (request.LastModified is { } since)
            {
                message.Headers.IfModifiedSince = since;
            }

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
            {
                if (stream && response.IsSuccessStatusCode && response.Content is SpooledContent spooled)
                {
                    var ok = new FetchResult(request.Url, FetchOutcome.Ok, (int)response.StatusCode, url, null,
                        response.Content.Headers.ContentType?.MediaType ?? "application/xml",
                        response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, MaxAge: MaxAge(response));
                    return new StreamedFetch(ok, spooled.Detach());
                }

                return new StreamedFetch(await ToResultAsync(request, url, response, cancellationToken).ConfigureAwait(false), null);
            }

            var status = (int)response.StatusCode;
            if (response.Headers.Location is not { } location)
            {
                return Failed(request, FetchOutcome.ServerError, $"HTTP {status} without a Location header", status, url);
            }

            if (redirects >= _options.MaxRedirects)
            {
                return Failed(request, FetchOutcome.TooManyRedirects, $"more than {_options.MaxRedirects} redirects", status, url);
            }

            var next = location.IsAbsoluteUri ? location : new Uri(url, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                return Failed(request, FetchOutcome.InvalidUrl, $"redirected to '{next}', which is not http(s)", status, url);
            }

            url = next;
        }
    }

    private async Task<FetchResult> ToResultAsync(FetchRequest request, Uri finalUrl, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var etag = response.Headers.ETag?.ToString();
        var lastModified = response.Content.Headers.LastModified;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FetchResult(request.Url, FetchOutcome.NotModified, status, finalUrl,
                ETag: etag ?? request.ETag, LastModified: lastModified ?? request.LastModified, MaxAge: MaxAge(response));
        }

        if (response.IsSuccessStatusCode)
        {
            var contentType = response.Content.Headers.ContentType;
            var mediaType = contentType?.MediaType;
            if (!ContentTypes.IsAcceptable(mediaType))
            {
                return Fail(request, FetchOutcome.NotHtml, $"the content type is {mediaType}, not HTML or a feed", status, finalUrl);
            }

            // BodyLimitHandler has already read the body (within the cap and the attempt timeout): this is a copy from memory.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var text = CharsetDecoder.Decode(body, contentType?.CharSet, _logger);
            return new FetchResult(request.Url, FetchOutcome.Ok, status, finalUrl, text, mediaType ?? "text/html", etag, lastModified, MaxAge: MaxAge(response));
        }

        var (outcome, reason) = Classify(response);
        return Fail(request, outcome, reason, status, finalUrl);
    }

    private (FetchOutcome Outcome, string Reason) Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var reason = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        var retryAfter = response.Headers.RetryAfter is null ? null : RetryAfterText(response);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => (FetchOutcome.RateLimited, reason + retryAfter),
            HttpStatusCode.ServiceUnavailable when retryAfter is not null => (FetchOutcome.RateLimited, reason + retryAfter),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.UnavailableForLegalReasons => (FetchOutcome.Blocked, reason),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => (FetchOutcome.NotFound, reason),
            HttpStatusCode.RequestTimeout => (FetchOutcome.Timeout, reason),
            _ when status >= 500 => (FetchOutcome.ServerError, reason),
            _ => (FetchOutcome.ClientError, reason),
        };
    }

    private string RetryAfterText(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter!;
        return FetchResilience.RetryAfter(response, _timeProvider) > _options.MaxRetryAfter
            ? $" (Retry-After {header} is longer than the {_options.MaxRetryAfter.TotalSeconds:0.###} s we wait)"
            : $" (Retry-After {header})";
    }

    private async Task<FetchResult> ReadFileAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var path = request.Url.LocalPath;
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return Fail(request, FetchOutcome.InvalidUrl, Directory.Exists(path) ? $"{path} is a folder, not a file" : $"no such file: {path}");
        }

        if (file.Length > _options.MaxResponseBytes)
        {
            return Fail(request, FetchOutcome.TooLarge, $"{path} has {file.Length} bytes, over the {_options.MaxResponseBytes}-byte cap");
        }

        var mediaType = ContentTypes.FromFileExtension(path);
        if (!ContentTypes.IsAcceptable(mediaType))
        {
            return Fail(request, FetchOutcome.NotHtml, $"{path} is {mediaType}, not HTML or a feed");
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(request, FetchOutcome.InvalidUrl, $"{path} cannot be read: {ex.Message}");
        }

        var lastModified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        return new FetchResult(request.Url, FetchOutcome.Ok, FinalUrl: request.Url, Content: CharsetDecoder.Decode(bytes, null, _logger),
            ContentType: mediaType, LastModified: lastModified);
    }

    private StreamedFetch OpenFile(FetchRequest request)
    {
        var path = request.Url.LocalPath;
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return Failed(request, FetchOutcome.InvalidUrl, Directory.Exists(path) ? $"{path} is a folder, not a file" : $"no such file: {path}");
        }

        if (file.Length > _options.MaxSitemapBytes)
        {
            return Failed(request, FetchOutcome.TooLarge, $"{path} has {file.Length} bytes, over the {_options.MaxSitemapBytes}-byte cap");
        }

        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = new FetchResult(request.Url, FetchOutcome.Ok, FinalUrl: request.Url, ContentType: ContentTypes.FromFileExtension(path),
                LastModified: new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
            return new StreamedFetch(result, stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(request, FetchOutcome.InvalidUrl, $"{path} cannot be read: {ex.Message}");
        }
    }

    /// <summary><c>Cache-Control: max-age</c> (or <c>s-maxage</c>), none with <c>no-cache</c> or <c>no-store</c>.</summary>
    private static TimeSpan? MaxAge(HttpResponseMessage response)
    {
        var cache = response.Headers.CacheControl;
        if (cache is null || cache.NoCache || cache.NoStore)
        {
            return null;
        }

        return cache.MaxAge ?? cache.SharedMaxAge;
    }

    private static StreamedFetch Failed(FetchRequest request, FetchOutcome outcome, string error, int? status = null, Uri? finalUrl = null) =>
        new(Fail(request, outcome, error, status, finalUrl), null);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static FetchResult Fail(FetchRequest request, FetchOutcome outcome, string error, int? status = null, Uri? finalUrl = null) =>
        new(request.Url, outcome, status, finalUrl, Error: error);

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Fetched {Url}: {Outcome} (HTTP {StatusCode}, final URL {FinalUrl})")]
    private static partial void LogFetched(ILogger logger, Uri url, FetchOutcome outcome, int? statusCode, Uri? finalUrl);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Fetching {Url} failed: {Outcome}: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, Uri url, FetchOutcome outcome, string? error);
}

using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Sits between the retry pipeline and the per-attempt timeout: every attempt (a retry too) waits for a slot and its
/// turn at the host (<see cref="HostThrottle"/>), holds the slot while the body is read (which the attempt timeout bounds,
/// so a slow body frees it in time), and reports the status so that a 429 or 503 slows the host for every caller. It
/// also sets the User-Agent in force.
/// </summary>
internal sealed class PolitenessHandler(HostThrottle throttle, FetchPolicy policy, IOptions<FetchOptions> options, TimeProvider time) : DelegatingHandler
{
    /// <summary>A callback the fetcher sets on its requests: called when a request has its turn at the host and is sent.</summary>
    public static readonly HttpRequestOptionsKey<Action> Sending = new("NewsWatch.Sending");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("The request has no URL.");
        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", policy.UserAgent);
        }

        var maxRetryAfter = options.Value.MaxRetryAfter;
        using var lease = await throttle.AcquireAsync(url, maxRetryAfter, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(Sending, out var sending))
        {
            sending();
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        // A Retry-After holds the whole host, but no longer than we would wait for one URL: a path that asks for an hour
        // (and is given up as RateLimited) must not stop the host's sound sources for that hour.
        var retryAfter = FetchResilience.RetryAfter(response, time);
        throttle.Report(url, response.StatusCode, retryAfter > maxRetryAfter ? maxRetryAfter : retryAfter);
        return response;
    }
}

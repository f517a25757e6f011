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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri ?? throw new InvalidOperationException("The request has no URL.");
        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", policy.UserAgent);
        }

        using var lease = await throttle.AcquireAsync(url, options.Value.MaxRetryAfter, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        throttle.Report(url, response.StatusCode, FetchResilience.RetryAfter(response, time));
        return response;
    }
}

using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// The per-request resilience pipeline, outermost first: retry (jittered exponential backoff, or the server's
/// <c>Retry-After</c> when it is within <see cref="FetchOptions.MaxRetryAfter"/>) → circuit breaker (one per host: the
/// handler selects the pipeline by authority) → (the politeness handler) → per-attempt timeout, a second handler. The total timeout wraps the whole fetch, redirects
/// included, in <see cref="HttpPageFetcher"/>. Time comes from the pipeline builder's <see cref="TimeProvider"/>,
/// which Polly's DI integration takes from the container.
/// </summary>
internal static class FetchResilience
{
    /// <summary>The name of the resilience handler on the fetcher's HTTP client.</summary>
    public const string HandlerName = "newswatch-fetch";

    /// <summary>The name of the inner handler that times one attempt (inside the politeness handler, so waiting for the host is not timed).</summary>
    public const string AttemptHandlerName = "newswatch-attempt";

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, FetchOptions options, TimeProvider timeProvider)
    {
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, options.MaxRetryAfter, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter(response, timeProvider) : null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });

    }

    /// <summary>Adds the per-attempt timeout (headers and body) to <paramref name="builder"/>.</summary>
    public static void ConfigureAttempt(ResiliencePipelineBuilder<HttpResponseMessage> builder, FetchOptions options) =>
        builder.AddTimeout(options.AttemptTimeout);

    /// <summary>
    /// The server's requested wait: <c>Retry-After</c> as delta seconds or an HTTP date (against the injected clock),
    /// never negative; null when the response has none.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>408, 429, 5xx, a network error, or an attempt that timed out.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        (outcome.Exception is HttpRequestException or TimeoutRejectedException && PrivateNetworkRefusedException.Find(outcome.Exception) is null)
        || (outcome.Result is { } response && IsTransientStatus(response.StatusCode));

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, TimeSpan maxRetryAfter, TimeProvider timeProvider)
    {
        if (!IsTransient(outcome))
        {
            return false;
        }

        // A page that timed out (a slow or drip-fed body) held one of the host's few slots for the whole attempt: it is
        // tried once more, not MaxRetries times, so it cannot keep the host's slots from its sound pages.
        if (outcome.Exception is TimeoutRejectedException && attemptNumber >= 1)
        {
            return false;
        }

        // A server asking for a longer pause than we wait is answered at once: the fetch ends RateLimited.
        return outcome.Result is not { } response || !(RetryAfter(response, timeProvider) > maxRetryAfter);
    }

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}

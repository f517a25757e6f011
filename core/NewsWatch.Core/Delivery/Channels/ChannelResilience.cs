using System.Net;
using NewsWatch.Core.Fetching;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// The pipeline of the channel client: retry (5xx, 429, network errors and timed-out attempts; the receiver's
/// <c>Retry-After</c> when it is within <see cref="ChannelOptions.MaxRetryAfter"/>, else jittered exponential backoff)
/// around a per-attempt timeout. Other 4xx answers are final (the post is refused for good); so is a refused private
/// address.
/// </summary>
internal static class ChannelResilience
{
    /// <summary>The name of the resilience handler on the channel client.</summary>
    public const string HandlerName = "newswatch-channels";

    /// <summary>Adds the strategies to <paramref name="builder"/>.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ChannelOptions options, TimeProvider timeProvider)
    {
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options.MaxRetryAfter, timeProvider)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? FetchResilience.RetryAfter(response, timeProvider) : null),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>429, 5xx, a network error (not a refused private address), or an attempt that timed out.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        (outcome.Exception is HttpRequestException or TimeoutRejectedException && PrivateNetworkRefusedException.Find(outcome.Exception) is null)
        || (outcome.Result is { } response && IsTransientStatus(response.StatusCode));

    /// <summary>429 and 5xx: worth another try. Every other non-success status is final.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider timeProvider) =>
        IsTransient(outcome)
        && (outcome.Result is not { } response || !(FetchResilience.RetryAfter(response, timeProvider) > maxRetryAfter));
}

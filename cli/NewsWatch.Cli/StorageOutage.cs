using NewsWatch.Core.Delivery;
using Polly;
using Polly.Retry;

namespace NewsWatch.Cli;

/// <summary>
/// Runs a step of <c>deliver</c> or <c>watch</c> through a transient storage outage: a Polly retry with jittered
/// exponential backoff from 1 s, capped at <see cref="MaxDelay"/>, that never gives up on a transient storage error
/// (connection refused or dropped, timeouts, 5xx, 408, 429) until the command is stopped. It prints one line on
/// standard error per outage (when it starts), not one per try. Other errors (bad credentials, 403, a bug) go through.
/// </summary>
internal sealed class StorageOutage
{
    /// <summary>The longest wait between two tries.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly ResiliencePipeline _pipeline;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;
    private bool _down;

    public StorageOutage(TextWriter error, TimeProvider time, TimeSpan? firstDelay = null)
    {
        _error = error;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                Delay = firstDelay ?? TimeSpan.FromSeconds(1),
                MaxDelay = MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && IsTransient(ex) && !args.Context.CancellationToken.IsCancellationRequested),
                OnRetry = async args =>
                {
                    if (!_down)
                    {
                        _down = true;
                        await _error.WriteLineAsync(
                            $"[{_time.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z] Storage unreachable ({OneLine(args.Outcome.Exception!.Message)}); " +
                            $"waiting and retrying (backoff up to {MaxDelay.TotalSeconds:0} s) until it is back.").ConfigureAwait(false);
                    }
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="step"/>, again and again while storage is down.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var result = await _pipeline.ExecuteAsync(async ct => await step(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        _down = false;
        return result;
    }

    /// <summary>True for an error that storage coming back would cure.</summary>
    public static bool IsTransient(Exception exception) => StorageFaults.IsOutage(exception);

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}

using System.Collections.Concurrent;
using System.Net;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Per-host politeness for the whole process (one singleton shared by every source and scan): at most
/// <see cref="HostLimits.MaxInFlight"/> requests in flight at a host, and request starts at least the host's interval
/// apart, the interval being the larger of the configured one and the robots.txt <c>Crawl-delay</c>. A 429 or 503 doubles
/// the host's interval (up to 16 times, at least 1 s) for every caller and each later success halves it again; a
/// <c>Retry-After</c> holds every request to the host until it has passed. Waiting callers are served first come, first served.
/// Hosts are keyed by authority (host:port).
/// </summary>
internal sealed class HostThrottle
{
    private const int MaxSlowdown = 16;
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(300);

    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly FetchPolicy _policy;
    private readonly TimeProvider _time;

    public HostThrottle(FetchPolicy policy, TimeProvider time)
    {
        _policy = policy;
        _time = time;
    }

    /// <summary>
    /// Waits for a slot at the host of <paramref name="url"/> and for its turn to start; dispose the lease when the
    /// response (body included) is read. Throws <see cref="HostRateLimitedException"/> at once when the host asked for a
    /// pause longer than <paramref name="maxWait"/>.
    /// </summary>
    public async ValueTask<IDisposable> AcquireAsync(Uri url, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var limits = _policy.For(url);
        var host = _hosts.GetOrAdd(url.Authority, static _ => new HostState());
        var blockedFor = host.BlockedUntil - _time.GetUtcNow();
        if (blockedFor > maxWait)
        {
            throw new HostRateLimitedException($"{url.Authority} asked for a pause until {host.BlockedUntil:u}, longer than the {maxWait.TotalSeconds:0.###} s we wait");
        }

        await host.EnterAsync(limits.MaxInFlight, cancellationToken).ConfigureAwait(false);
        var lease = new Lease(host, limits.MaxInFlight);
        try
        {
            DateTimeOffset start;
            TimeSpan reserved;
            lock (host)
            {
                var now = _time.GetUtcNow();
                start = Max(now, Max(host.NextStart, host.BlockedUntil));
                reserved = Interval(host, limits);
                host.NextStart = start + reserved;
            }

            var wait = start - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            // A caller that woke late (a busy machine) must not let the next one, woken on time, start closer than the
            // interval: the gap is kept between actual starts, not only between planned ones.
            while (true)
            {
                TimeSpan extra;
                lock (host)
                {
                    var now = _time.GetUtcNow();
                    if (now >= host.NextAllowed)
                    {
                        host.NextAllowed = now + reserved;
                        host.NextStart = Max(host.NextStart, host.NextAllowed);
                        break;
                    }

                    extra = host.NextAllowed - now;
                }

                await Task.Delay(extra, _time, cancellationToken).ConfigureAwait(false);
            }

            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Raises the host's interval to the robots.txt crawl delay (capped at 30 s), or clears it with null.</summary>
    public void SetCrawlDelay(Uri url, TimeSpan? delay)
    {
        var host = _hosts.GetOrAdd(url.Authority, static _ => new HostState());
        lock (host)
        {
            host.CrawlDelay = delay is { } d ? TimeSpan.FromTicks(Math.Min(d.Ticks, RobotsTxt.MaxCrawlDelay.Ticks)) : null;

            // The request just made (robots.txt itself) was spaced before the delay was known, and may have reached the
            // host well after it was let go (a first connection): the next one waits a full interval from now.
            if (host.NextStart != DateTimeOffset.MinValue)
            {
                host.NextStart = Max(host.NextStart, _time.GetUtcNow() + Interval(host, _policy.For(url)));
            }
        }
    }

    /// <summary>Slows the host down after a 429 or 503 (and holds it for a <c>Retry-After</c>); speeds it up again after a success.</summary>
    public void Report(Uri url, HttpStatusCode status, TimeSpan? retryAfter)
    {
        var host = _hosts.GetOrAdd(url.Authority, static _ => new HostState());
        lock (host)
        {
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                host.Slowdown = Math.Min(MaxSlowdown, host.Slowdown * 2);
                var pause = retryAfter ?? TimeSpan.Zero;
                if (pause > TimeSpan.Zero)
                {
                    host.BlockedUntil = Max(host.BlockedUntil, _time.GetUtcNow() + pause);
                }
            }
            else if (host.Slowdown > 1 && (int)status < 500)
            {
                host.Slowdown = Math.Max(1, host.Slowdown / 2);
            }
        }
    }

    /// <summary>The interval now in force at the host of <paramref name="url"/> (for tests and logs).</summary>
    public TimeSpan CurrentInterval(Uri url)
    {
        var host = _hosts.GetOrAdd(url.Authority, static _ => new HostState());
        lock (host)
        {
            return Interval(host, _policy.For(url));
        }
    }

    private static TimeSpan Interval(HostState host, HostLimits limits)
    {
        var interval = limits.MinInterval;
        if (host.CrawlDelay is { } delay && delay > interval)
        {
            interval = delay;
        }

        if (host.Slowdown > 1)
        {
            interval = TimeSpan.FromTicks(Math.Max(interval.Ticks, TimeSpan.TicksPerSecond) * host.Slowdown);
        }

        return interval > MaxInterval ? MaxInterval : interval;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One host's slots and clocks. Guarded by locking the instance.</summary>
    private sealed class HostState
    {
        private readonly LinkedList<TaskCompletionSource> _waiting = new();
        private int _inFlight;

        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The earliest the next request may actually start: the last actual start plus the interval it reserved.</summary>
        public DateTimeOffset NextAllowed { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;

        public TimeSpan? CrawlDelay { get; set; }

        public int Slowdown { get; set; } = 1;

        public Task EnterAsync(int maxInFlight, CancellationToken cancellationToken)
        {
            TaskCompletionSource waiter;
            lock (this)
            {
                if (_inFlight < maxInFlight && _waiting.Count == 0)
                {
                    _inFlight++;
                    return Task.CompletedTask;
                }

                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.AddLast(waiter);
            }

            return WaitAsync(waiter, cancellationToken);
        }

        public void Exit(int maxInFlight)
        {
            lock (this)
            {
                _inFlight--;
                while (_inFlight < maxInFlight && _waiting.First is { } first)
                {
                    _waiting.RemoveFirst();
                    if (first.Value.TrySetResult())
                    {
                        _inFlight++;
                    }
                }
            }
        }

        private async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(static w => ((TaskCompletionSource)w!).TrySetCanceled(), waiter))
            {
                try
                {
                    await waiter.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lock (this)
                    {
                        _waiting.Remove(waiter);
                    }

                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }
    }

    private sealed class Lease(HostState host, int maxInFlight) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                host.Exit(maxInFlight);
            }
        }
    }
}

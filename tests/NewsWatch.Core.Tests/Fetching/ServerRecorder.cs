using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>Measures at the server: when each request started (a monotonic clock), and the most requests in flight at once.</summary>
internal sealed class ServerRecorder
{
    private readonly ConcurrentQueue<(string Path, long Timestamp)> _starts = new();
    private int _inFlight;
    private int _maxInFlight;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<(string Path, long Timestamp)> Starts => [.. _starts.OrderBy(s => s.Timestamp)];

    /// <summary>The smallest gap between two consecutive request starts, in seconds.</summary>
    public double SmallestGapSeconds()
    {
        var starts = Starts;
        return starts.Zip(starts.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds).DefaultIfEmpty(double.MaxValue).Min();
    }

    /// <summary>
    /// Seconds from the first request start to the last. Robust to scheduling jitter, which can bring two arrivals
    /// close together (a new connection's handshake delays one); the throttle's spacing shows in the span.
    /// </summary>
    public double SpanSeconds()
    {
        var starts = Starts;
        return starts.Count < 2 ? 0 : Stopwatch.GetElapsedTime(starts[0].Timestamp, starts[^1].Timestamp).TotalSeconds;
    }

    public RequestDelegate Wrap(RequestDelegate inner) => async context =>
    {
        _starts.Enqueue((context.Request.Path.Value ?? "/", Stopwatch.GetTimestamp()));
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await inner(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    };
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// Measures one loopback host at the server: every request's path, start (a monotonic clock) and User-Agent, and the
/// most requests in flight at once. Wrap every handler of the host with <see cref="Wrap"/>.
/// </summary>
public sealed class CrawlRequestRecorder
{
    private readonly ConcurrentQueue<Request> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most requests the host was answering at one time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Every request so far, by start.</summary>
    public IReadOnlyList<Request> Requests => [.. _requests.OrderBy(r => r.Timestamp)];

    /// <summary>The gaps between consecutive request starts, in seconds.</summary>
    public IReadOnlyList<double> GapsSeconds()
    {
        var requests = Requests;
        return [.. requests.Zip(requests.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds)];
    }

    /// <summary>Records the requests <paramref name="inner"/> answers.</summary>
    public RequestDelegate Wrap(RequestDelegate inner) => async context =>
    {
        _requests.Enqueue(new Request(context.Request.Path.Value ?? "/", Stopwatch.GetTimestamp(), context.Request.Headers.UserAgent.ToString()));
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

    /// <summary>One request as the server saw it.</summary>
    public sealed record Request(string Path, long Timestamp, string UserAgent);
}

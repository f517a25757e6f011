using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NewsWatch.Testing;

/// <summary>
/// A real HTTP server (Kestrel) on <c>http://127.0.0.1:{free port}</c> for tests. Map a path to a handler — usually one
/// from <see cref="LoopbackResponses"/> (pages, statuses, Retry-After, slow or huge or gzip bodies, resets, ETag/304) —
/// and fetch <see cref="Url"/>. Paths can be mapped at any time, also after the first request; an unmapped path
/// answers 404. Every request is counted per path (<see cref="RequestCount"/>), which shows how often a client retried.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackHttpServer.StartAsync();
/// var url = server.MapSequence("/flaky", LoopbackResponses.Status(500), LoopbackResponses.Html("&lt;p&gt;ok&lt;/p&gt;"));
/// // fetch url ... then: Assert.Equal(2, server.RequestCount("/flaky"));
/// </code>
/// </example>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private LoopbackHttpServer()
    {
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<LoopbackHttpServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LoopbackHttpServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(server.DispatchAsync, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> (e.g. <c>/world/index.html?page=2</c>) on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Answers every request to <paramref name="path"/> (the query is ignored) with <paramref name="handler"/>; returns its URL.</summary>
    public Uri Map(string path, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _routes[Normalize(path)] = handler;
        return Url(path);
    }

    /// <summary>
    /// Answers the n-th request to <paramref name="path"/> with the n-th handler, and every later one with the last:
    /// <c>MapSequence("/a", Status(500), Html("ok"))</c> is "500 then 200".
    /// </summary>
    public Uri MapSequence(string path, params RequestDelegate[] handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentOutOfRangeException.ThrowIfZero(handlers.Length);
        var key = Normalize(path);
        return Map(path, context =>
        {
            // The dispatcher has already counted this request.
            var index = Math.Min(RequestCount(key) - 1, handlers.Length - 1);
            return handlers[index](context);
        });
    }

    /// <summary>
    /// A chain of <paramref name="redirects"/> 302s with relative Location headers: <c>{path}</c> → <c>{path}/1</c> → … →
    /// <c>{path}/{redirects}</c>, which answers with <paramref name="target"/>. Returns the URL of the chain's start.
    /// </summary>
    public Uri MapRedirectChain(string path, int redirects, RequestDelegate target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(redirects);
        var root = Normalize(path).TrimEnd('/');
        var segment = root[(root.LastIndexOf('/') + 1)..];
        for (var i = 0; i < redirects; i++)
        {
            var from = i == 0 ? root : $"{root}/{i}";
            var to = i == 0 ? $"{segment}/1" : $"{i + 1}";
            Map(from, LoopbackResponses.Redirect(to));
        }

        Map(redirects == 0 ? root : $"{root}/{redirects}", target);
        return Url(root);
    }

    /// <summary>How many requests reached <paramref name="path"/> so far.</summary>
    public int RequestCount(string path) => _counts.TryGetValue(Normalize(path), out var count) ? count : 0;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _counts.AddOrUpdate(path, 1, static (_, n) => n + 1);
        if (!_routes.TryGetValue(path, out var handler))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away (it gave up on a slow or huge answer): nothing more to send.
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NewsWatch.Testing;

/// <summary>
/// A webhook, Teams or Slack receiver for tests: Kestrel on <c>http://127.0.0.1:{free port}</c> taking POSTs on any path.
/// It checks <c>X-NewsWatch-Signature</c> against <see cref="Secret"/> with its own HMAC-SHA256 (not the code under test),
/// counts every request, keeps the posts it answered 2xx (<see cref="Accepted"/>), and fails on demand: the next n
/// requests (<see cref="FailNext"/>), a share of them at random (<see cref="FailureRate"/>, seeded), or one path for good
/// (<see cref="Refuse"/>). A failed request's post is not kept: it counts as not delivered.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedPost> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Random _random;
    private WebApplication? _app;
    private int _requests;
    private int _failNext;
    private int _failStatus = StatusCodes.Status500InternalServerError;
    private string? _failRetryAfter;

    private WebhookReceiver(int seed) => _random = new Random(seed);

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The secret the signatures are checked with (null: not checked, <see cref="ReceivedPost.SignatureValid"/> false).</summary>
    public string? Secret { get; set; }

    /// <summary>The share (0..1) of requests answered 500 at random, from a seeded generator.</summary>
    public double FailureRate { get; set; }

    /// <summary>Every request so far, failed ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The requests to <paramref name="path"/> so far, failed ones included.</summary>
    public int RequestsAt(string path) => _counts.TryGetValue("/" + path.TrimStart('/'), out var n) ? n : 0;

    /// <summary>The posts answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedPost> Accepted => [.. _accepted];

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<WebhookReceiver> StartAsync(int seed = 12345, CancellationToken cancellationToken = default)
    {
        var receiver = new WebhookReceiver(seed);
        (receiver._app, receiver.BaseUri) = await LoopbackKestrel.StartAsync(receiver.HandleAsync, cancellationToken).ConfigureAwait(false);
        return receiver;
    }

    /// <summary>The URL of <paramref name="path"/> on this receiver.</summary>
    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>The posts to <paramref name="path"/> answered 2xx.</summary>
    public IReadOnlyList<ReceivedPost> AcceptedAt(string path) =>
        [.. _accepted.Where(p => p.Path == "/" + path.TrimStart('/'))];

    /// <summary>The next <paramref name="count"/> requests (any path) get <paramref name="status"/>, with a Retry-After when given.</summary>
    public void FailNext(int count, int status = StatusCodes.Status500InternalServerError, string? retryAfter = null)
    {
        lock (_lock)
        {
            _failNext = count;
            _failStatus = status;
            _failRetryAfter = retryAfter;
        }
    }

    /// <summary>Every request to <paramref name="path"/> gets <paramref name="status"/> from now on.</summary>
    public void Refuse(string path, int status) => _refused["/" + path.TrimStart('/')] = status;

    /// <summary>Undoes <see cref="Refuse"/>: <paramref name="path"/> takes posts again.</summary>
    public void Restore(string path) => _refused.TryRemove("/" + path.TrimStart('/'), out _);

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

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var path = context.Request.Path.Value ?? "/";
        _counts.AddOrUpdate(path, 1, static (_, n) => n + 1);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (_refused.TryGetValue(path, out var refusal))
        {
            context.Response.StatusCode = refusal;
            return;
        }

        int? fail = null;
        string? retryAfter = null;
        lock (_lock)
        {
            if (_failNext > 0)
            {
                _failNext--;
                fail = _failStatus;
                retryAfter = _failRetryAfter;
            }
            else if (FailureRate > 0 && _random.NextDouble() < FailureRate)
            {
                fail = StatusCodes.Status500InternalServerError;
            }
        }

        if (fail is { } status)
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return;
        }

        var body = buffer.ToArray();
        var signature = context.Request.Headers["X-NewsWatch-Signature"].ToString();
        var valid = Secret is not null && signature.Length > 0 && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body))),
            Encoding.ASCII.GetBytes(signature));
        _accepted.Enqueue(new ReceivedPost(
            path,
            context.Request.Headers["X-NewsWatch-Id"].ToString(),
            context.Request.Headers["X-NewsWatch-Kind"].ToString(),
            context.Request.ContentType,
            Encoding.UTF8.GetString(body),
            signature.Length == 0 ? null : signature,
            valid));
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>One post the receiver took.</summary>
    /// <param name="Path">The request path.</param>
    /// <param name="Id">The <c>X-NewsWatch-Id</c> header.</param>
    /// <param name="Kind">The <c>X-NewsWatch-Kind</c> header.</param>
    /// <param name="ContentType">The Content-Type header.</param>
    /// <param name="Body">The body, UTF-8 decoded.</param>
    /// <param name="Signature">The <c>X-NewsWatch-Signature</c> header, or null.</param>
    /// <param name="SignatureValid">True when the signature matches <see cref="Secret"/> over the exact body bytes.</param>
    public sealed record ReceivedPost(string Path, string Id, string Kind, string? ContentType, string Body, string? Signature, bool SignatureValid);
}

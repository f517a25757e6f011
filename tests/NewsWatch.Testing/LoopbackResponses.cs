using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace NewsWatch.Testing;

/// <summary>Handlers for <see cref="LoopbackHttpServer"/>: ordinary answers and the faults a fetcher must survive.</summary>
public static class LoopbackResponses
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>A UTF-8 HTML page.</summary>
    public static RequestDelegate Html(string html, int status = StatusCodes.Status200OK) =>
        Text(html, "text/html; charset=utf-8", status);

    /// <summary>A text body, UTF-8 encoded, with the given Content-Type header.</summary>
    public static RequestDelegate Text(string body, string contentType, int status = StatusCodes.Status200OK) =>
        Bytes(Encoding.UTF8.GetBytes(body), contentType, status);

    /// <summary>
    /// Raw bytes with the given Content-Type header (null sends none): for odd charsets, e.g.
    /// <c>Bytes(Encoding.GetEncoding("windows-1251").GetBytes(html), "text/html")</c> with only a meta charset.
    /// </summary>
    public static RequestDelegate Bytes(byte[] body, string? contentType, int status = StatusCodes.Status200OK) =>
        async context =>
        {
            context.Response.StatusCode = status;
            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        };

    /// <summary>A status with an empty body, and a Retry-After header when given (delta seconds "120" or an HTTP date).</summary>
    public static RequestDelegate Status(int status, string? retryAfter = null) =>
        context =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        };

    /// <summary>429 Too Many Requests with the given Retry-After (delta seconds or an HTTP date).</summary>
    public static RequestDelegate TooManyRequests(string retryAfter) => Status(StatusCodes.Status429TooManyRequests, retryAfter);

    /// <summary>A redirect (302 unless told) to <paramref name="location"/>, which may be relative.</summary>
    public static RequestDelegate Redirect(string location, int status = StatusCodes.Status302Found) =>
        context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        };

    /// <summary>Waits <paramref name="delay"/> before the headers, then answers with <paramref name="then"/>.</summary>
    public static RequestDelegate Delayed(TimeSpan delay, RequestDelegate then) =>
        async context =>
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            await then(context).ConfigureAwait(false);
        };

    /// <summary>Sends the headers and the first half of <paramref name="html"/> at once, then the rest after <paramref name="stall"/>.</summary>
    public static RequestDelegate SlowBody(string html, TimeSpan stall) =>
        async context =>
        {
            var body = Encoding.UTF8.GetBytes(html);
            var half = body.Length / 2;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            await Task.Delay(stall, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.WriteAsync(body.AsMemory(half), context.RequestAborted).ConfigureAwait(false);
        };

    /// <summary>
    /// An HTML body of <paramref name="size"/> bytes, with a Content-Length header or (when
    /// <paramref name="withContentLength"/> is false) chunked, so the client only learns the size by reading.
    /// </summary>
    public static RequestDelegate Large(long size, bool withContentLength) =>
        async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            if (withContentLength)
            {
                context.Response.ContentLength = size;
            }

            var chunk = new byte[ChunkSize];
            Array.Fill(chunk, (byte)'a');
            for (var sent = 0L; sent < size; sent += chunk.Length)
            {
                var length = (int)Math.Min(chunk.Length, size - sent);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, length), context.RequestAborted).ConfigureAwait(false);
            }
        };

    /// <summary><paramref name="body"/> gzip-compressed, with Content-Encoding: gzip and the compressed Content-Length.</summary>
    public static RequestDelegate Gzip(byte[] body, string contentType = "text/html; charset=utf-8") =>
        async context =>
        {
            byte[] compressed;
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
                {
                    gzip.Write(body);
                }

                compressed = buffer.ToArray();
            }

            context.Response.ContentType = contentType;
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = compressed.Length;
            await context.Response.Body.WriteAsync(compressed, context.RequestAborted).ConfigureAwait(false);
        };

    /// <summary>Drops the connection without an answer (a reset, as a crashing server or a middlebox does).</summary>
    public static RequestDelegate Abort() =>
        context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

    /// <summary>Sends the headers and half of <paramref name="html"/>, then drops the connection.</summary>
    public static RequestDelegate AbortMidBody(string html) =>
        async context =>
        {
            var body = Encoding.UTF8.GetBytes(html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
        };

    /// <summary>
    /// A page with validators: 304 (no body) when the request's If-None-Match holds <paramref name="etag"/> (a quoted
    /// entity tag such as <c>"v1"</c>) or its If-Modified-Since is not before <paramref name="lastModified"/>; else 200.
    /// </summary>
    public static RequestDelegate Conditional(string html, string etag, DateTimeOffset? lastModified = null) =>
        async context =>
        {
            var request = context.Request.Headers;
            var lastModifiedSeconds = lastModified is { } lm ? lm.AddTicks(-(lm.Ticks % TimeSpan.TicksPerSecond)) : (DateTimeOffset?)null;
            var notModified = request.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
                || (request.IfNoneMatch.Count == 0 && lastModifiedSeconds is { } since
                    && DateTimeOffset.TryParse(request.IfModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ims)
                    && ims >= since);
            context.Response.Headers.ETag = etag;
            if (lastModifiedSeconds is { } value)
            {
                context.Response.Headers.LastModified = HeaderUtilities.FormatDate(value);
            }

            if (notModified)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            var body = Encoding.UTF8.GetBytes(html);
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        };
}

using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// The innermost handler: reads a successful page or feed body into memory, at most
/// <see cref="FetchOptions.MaxResponseBytes"/> bytes after decompression, so that the per-attempt timeout covers a slow
/// body as well as slow headers. Other responses (errors, redirects, images) pass unread. A request marked with
/// <see cref="SpoolLimit"/> (a sitemap) has any successful body copied to a temporary file instead, up to that many
/// bytes, so a large body is read within the attempt but never held in memory.
/// </summary>
internal sealed class BodyLimitHandler(IOptions<FetchOptions> options) : DelegatingHandler
{
    /// <summary>The request option that asks for the body in a temporary file, at most this many bytes.</summary>
    public static readonly HttpRequestOptionsKey<long> SpoolLimit = new("NewsWatch.SpoolLimit");

    private const int ChunkSize = 81920;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(SpoolLimit, out var spoolLimit))
        {
            return await SpoolAsync(response, spoolLimit, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccessStatusCode
            || response.StatusCode == HttpStatusCode.NoContent
            || !ContentTypes.IsAcceptable(response.Content.Headers.ContentType?.MediaType))
        {
            return response;
        }

        try
        {
            var max = options.Value.MaxResponseBytes;
            var declared = response.Content.Headers.ContentLength;
            if (declared > max)
            {
                throw new ResponseTooLargeException($"Content-Length {declared} is over the {max}-byte cap");
            }

            var body = await ReadAtMostAsync(response.Content, max, declared, cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpResponseMessage> SpoolAsync(HttpResponseMessage response, long max, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NoContent)
        {
            return response;
        }

        FileStream? file = null;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var declared = response.Content.Headers.ContentLength;
            if (declared > max)
            {
                throw new ResponseTooLargeException($"Content-Length {declared} is over the {max}-byte cap");
            }

            file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, ChunkSize,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await ReadChunkAsync(stream, chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (file.Length + read > max)
                    {
                        throw new ResponseTooLargeException($"body is over the {max}-byte cap");
                    }

                    await file.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            file.Position = 0;
            var spooled = new SpooledContent(file);
            foreach (var header in response.Content.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    spooled.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            file = null;
            response.Content.Dispose();
            response.Content = spooled;
            return response;
        }
        catch
        {
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }

            response.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, long max, long? declared, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream((int)Math.Min(declared ?? ChunkSize, max));
                int read;
                while ((read = await ReadChunkAsync(stream, chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > max)
                    {
                        throw new ResponseTooLargeException($"body is over the {max}-byte cap");
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task<int> ReadChunkAsync(Stream stream, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // A reset or truncated body is a network error like a failed connect: the pipeline retries it.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"the body was cut off: {ex.Message}", ex);
        }
        catch (System.IO.InvalidDataException ex)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"the body could not be decompressed: {ex.Message}", ex);
        }
    }
}

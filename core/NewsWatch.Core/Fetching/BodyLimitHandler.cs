using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// The innermost handler: reads a successful page or feed body into memory, at most
/// <see cref="FetchOptions.MaxResponseBytes"/> bytes after decompression, so that the per-attempt timeout covers a slow
/// body as well as slow headers. Other responses (errors, redirects, images) pass unread.
/// </summary>
internal sealed class BodyLimitHandler(IOptions<FetchOptions> options) : DelegatingHandler
{
    private const int ChunkSize = 81920;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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

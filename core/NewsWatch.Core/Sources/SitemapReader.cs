using System.IO.Compression;
using System.Xml;

namespace NewsWatch.Core.Sources;

/// <summary>
/// Streams a sitemap, sitemap index or Google News sitemap (plain or gzip, told by its first bytes) with an
/// <see cref="XmlReader"/>: the file is never held in memory, only the newest <c>maxEntries</c> entries are kept (a
/// bounded heap ordered by publication date, else lastmod; undated entries rank oldest, earlier ones first). No DTD is
/// processed and nothing external is resolved. A body that is not well-formed, or not a sitemap, is a
/// <see cref="FormatException"/>; one that decompresses to more than <c>maxBytes</c> is too.
/// </summary>
internal static class SitemapReader
{
    /// <summary>Entries kept per sitemap by default: far more than one scan fetches, few enough to hold.</summary>
    public const int DefaultMaxEntries = 1000;

    private const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Reads <paramref name="body"/> (not disposed); relative <c>loc</c>s resolve against <paramref name="baseUrl"/>.</summary>
    public static async Task<SitemapContent> ReadAsync(Stream body, Uri baseUrl, long maxBytes, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var input = await IsGzipAsync(body, cancellationToken).ConfigureAwait(false)
            ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: true)
            : body;
        var limited = new LimitedReadStream(input, maxBytes);
        try
        {
            using var reader = XmlReader.Create(limited, Settings);
            return await ReadAsync(reader, baseUrl, maxEntries, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The sitemap at {baseUrl} is not well-formed XML: {ex.Message}", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new FormatException($"The sitemap at {baseUrl} could not be decompressed: {ex.Message}", ex);
        }
        finally
        {
            if (!ReferenceEquals(input, body))
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<SitemapContent> ReadAsync(XmlReader reader, Uri baseUrl, int maxEntries, CancellationToken cancellationToken)
    {
        var kept = new PriorityQueue<SitemapEntry, (long Ticks, long Order)>();
        string? rootNamespace = null;
        var isIndex = false;
        var total = 0;
        string? loc = null, title = null;
        DateTimeOffset? published = null, modified = null;
        var inEntry = false;

        var more = await reader.ReadAsync().ConfigureAwait(false);
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                var ns = reader.NamespaceURI;
                if (rootNamespace is null)
                {
                    if (name is not ("urlset" or "sitemapindex"))
                    {
                        throw new FormatException($"The sitemap at {baseUrl} is not a sitemap: its root element is <{name}>.");
                    }

                    rootNamespace = ns;
                    isIndex = name == "sitemapindex";
                }
                else if (ns == rootNamespace && name is "url" or "sitemap" && !reader.IsEmptyElement)
                {
                    inEntry = true;
                    loc = title = null;
                    published = modified = null;
                }
                else if (inEntry && !reader.IsEmptyElement && IsField(name, ns, rootNamespace))
                {
                    var value = (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
                    switch (name)
                    {
                        case "loc": loc = value; break;
                        case "lastmod": modified = FeedDates.Parse(value); break;
                        case "publication_date": published = FeedDates.Parse(value); break;
                        default: title = value.Length == 0 ? null : value; break;
                    }

                    // The reader already stands on the node after the element.
                    more = !reader.EOF;
                    continue;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && inEntry && reader.NamespaceURI == rootNamespace
                && reader.LocalName is "url" or "sitemap")
            {
                inEntry = false;
                if (!string.IsNullOrEmpty(loc) && Uri.TryCreate(baseUrl, loc, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps || (url.IsFile && baseUrl.IsFile)))
                {
                    var entry = new SitemapEntry(url, title, published, modified);
                    var priority = (entry.Date?.UtcTicks ?? long.MinValue, -(long)total);
                    total++;
                    if (kept.Count < maxEntries)
                    {
                        kept.Enqueue(entry, priority);
                    }
                    else
                    {
                        kept.EnqueueDequeue(entry, priority);
                    }
                }
            }

            more = await reader.ReadAsync().ConfigureAwait(false);
        }

        if (rootNamespace is null)
        {
            throw new FormatException($"The sitemap at {baseUrl} is empty.");
        }

        var entries = new List<SitemapEntry>(kept.Count);
        while (kept.TryDequeue(out var entry, out _))
        {
            entries.Add(entry);
        }

        entries.Reverse();
        return new SitemapContent(isIndex, entries, total);
    }

    private static bool IsField(string name, string ns, string rootNamespace) => name switch
    {
        "loc" or "lastmod" => ns == rootNamespace,
        "publication_date" or "title" => ns == NewsNamespace,
        _ => false,
    };

    private static async Task<bool> IsGzipAsync(Stream body, CancellationToken cancellationToken)
    {
        if (!body.CanSeek)
        {
            return false;
        }

        var start = body.Position;
        var head = new byte[2];
        var read = await body.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        body.Position = start;
        return read == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    /// <summary>Reads through to the inner stream and fails once more than the limit has been read.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit)
            {
                throw new FormatException($"the sitemap is over the {limit}-byte cap once decompressed");
            }

            return read;
        }
    }
}

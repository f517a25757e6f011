using System.IO.Compression;
using System.Text;
using NewsWatch.Core.Sources;
using Xunit.Abstractions;

namespace NewsWatch.Core.Tests.Sources;

/// <summary>The streaming sitemap reader: urlset, index, Google News, gzip, and a 50 MB sitemap in bounded memory.</summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class SitemapReaderTests(ITestOutputHelper output)
{
    private static readonly Uri Base = new("https://news.example.org/sitemap.xml");

    private const string NewsSitemap = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
                xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
          <url>
            <loc>https://news.example.org/world/2026/12/01/older-story</loc>
            <news:news>
              <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
              <news:publication_date>2026-12-01T08:00:00+01:00</news:publication_date>
              <news:title>Older story</news:title>
            </news:news>
          </url>
          <url>
            <loc>https://news.example.org/world/2026/12/02/ceasefire-talks?utm_source=sitemap</loc>
            <lastmod>2026-12-02T10:30:00Z</lastmod>
            <image:image><image:loc>https://cdn.example.org/pic.jpg</image:loc></image:image>
            <news:news>
              <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
              <news:publication_date>2026-12-02T09:00:00Z</news:publication_date>
              <news:title>Ceasefire talks resume</news:title>
            </news:news>
          </url>
          <url><loc>/relative/undated</loc></url>
        </urlset>
        """;

    [Fact]
    public async Task Read_GoogleNewsSitemap_NewestFirstWithDatesAndTitles()
    {
        var content = await ReadAsync(NewsSitemap);

        Assert.False(content.IsIndex);
        Assert.Equal(3, content.Total);
        Assert.Equal(
            ["https://news.example.org/world/2026/12/02/ceasefire-talks?utm_source=sitemap", "https://news.example.org/world/2026/12/01/older-story", "https://news.example.org/relative/undated"],
            content.Entries.Select(e => e.Url.AbsoluteUri));
        var newest = content.Entries[0];
        Assert.Equal("Ceasefire talks resume", newest.Title);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), newest.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero), newest.LastModified);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), content.Entries[1].PublishedAt);
    }

    [Fact]
    public async Task Read_SitemapIndex_ListsChildSitemapsNewestFirst()
    {
        const string index = """
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://news.example.org/sitemap-2026-10.xml</loc><lastmod>2026-10-31</lastmod></sitemap>
              <sitemap><loc>https://news.example.org/sitemap-2026-12.xml</loc><lastmod>2026-12-02</lastmod></sitemap>
              <sitemap><loc>https://news.example.org/sitemap-2026-11.xml</loc><lastmod>2026-11-30</lastmod></sitemap>
            </sitemapindex>
            """;

        var content = await ReadAsync(index);

        Assert.True(content.IsIndex);
        Assert.Equal(["sitemap-2026-12.xml", "sitemap-2026-11.xml", "sitemap-2026-10.xml"], content.Entries.Select(e => e.Url.Segments[^1]));
    }

    [Fact]
    public async Task Read_Gzip_IsDecompressed()
    {
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(NewsSitemap));
        }

        packed.Position = 0;
        var content = await SitemapReader.ReadAsync(packed, Base, 1 << 20, 100, CancellationToken.None);

        Assert.Equal(3, content.Total);
    }

    [Theory]
    [InlineData("<html><body>not a sitemap</body></html>")]
    [InlineData("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>x</loc>")]
    [InlineData("<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><urlset><url><loc>&x;</loc></url></urlset>")]
    public async Task Read_NotASitemap_IsFormatException(string body)
    {
        await Assert.ThrowsAsync<FormatException>(() => ReadAsync(body));
    }

    [Fact]
    public async Task Read_OverTheDecompressedCap_IsFormatException()
    {
        await Assert.ThrowsAsync<FormatException>(() => SitemapReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(NewsSitemap)), Base, 512, 100, CancellationToken.None));
    }

    [Fact]
    public async Task Read_50MegabyteSitemapOf50000Urls_InBoundedMemory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nw-sitemap-{Guid.NewGuid():N}.xml");
        try
        {
            var size = await WriteBigSitemapAsync(path, 50_000);
            Assert.True(size >= 50L * 1000 * 1000, $"the generated sitemap has {size} bytes");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long peak = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - before);
                    await Task.Delay(5);
                }
            });

            SitemapContent content;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
            {
                content = await SitemapReader.ReadAsync(stream, Base, 200L * 1024 * 1024, SitemapReader.DefaultMaxEntries, CancellationToken.None);
            }

            await sampling.CancelAsync();
            await sampler;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            output.WriteLine($"sitemap {size / 1e6:0.0} MB, {content.Total} URLs: allocated {allocated / 1e6:0.0} MB in all, peak heap growth {peak / 1e6:0.0} MB, retained {retained / 1e6:0.0} MB");

            Assert.Equal(50_000, content.Total);
            Assert.Equal(SitemapReader.DefaultMaxEntries, content.Entries.Count);
            Assert.Equal("https://news.example.org/2026/story-49999", content.Entries[0].Url.AbsoluteUri);
            Assert.True(retained < 16L * 1024 * 1024, $"retained {retained} bytes");
            Assert.True(peak < 64L * 1024 * 1024, $"the heap grew by {peak} bytes while reading a {size}-byte sitemap");
            GC.KeepAlive(content);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A Google News sitemap of <paramref name="count"/> URLs, about 1 KB each, dated oldest first.</summary>
    private static async Task<long> WriteBigSitemapAsync(string path, int count)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var filler = string.Join(' ', Enumerable.Repeat("ceasefire talks resume in the capital", 20));
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("""<?xml version="1.0" encoding="UTF-8"?>""");
        await writer.WriteLineAsync("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">""");
        for (var i = 0; i < count; i++)
        {
            var date = start.AddMinutes(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            await writer.WriteLineAsync(
                $"<url><loc>https://news.example.org/2026/story-{i}</loc><lastmod>{date}</lastmod><news:news><news:publication><news:name>Example News</news:name>" +
                $"<news:language>en</news:language></news:publication><news:publication_date>{date}</news:publication_date><news:title>Story {i}: {filler}</news:title></news:news></url>");
        }

        await writer.WriteLineAsync("</urlset>");
        await writer.FlushAsync();
        return writer.BaseStream.Length;
    }

    private static Task<SitemapContent> ReadAsync(string xml) =>
        SitemapReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), Base, 1 << 20, 100, CancellationToken.None);
}

using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>
/// The fetcher as the hosts build it (service collection, <c>AddNewsWatchFetching</c>, settings), against a real
/// Kestrel server on 127.0.0.1. Delays are tiny real ones or run on a <see cref="FakeTimeProvider"/>; nothing asserts on
/// wall-clock time.
/// </summary>
public sealed class HttpPageFetcherTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private static readonly Encoding Windows1251 = CodePages("windows-1251");
    private const string Russian = "Переговоры о прекращении огня возобновились";

    private LoopbackHttpServer Server => fixture.Server;

    [Fact]
    public async Task Fetch_Ok_ReturnsContentValidatorsAndFinalUrl()
    {
        var lastModified = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        string? userAgent = null;
        var url = Server.Map("/ok", async context =>
        {
            userAgent = context.Request.Headers.UserAgent;
            await Conditional("<html><body><p>Talks resume</p></body></html>", "\"v1\"", lastModified)(context);
        });

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.True(result.IsOk);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(url, result.FinalUrl);
        Assert.Equal("text/html", result.ContentType);
        Assert.Contains("<p>Talks resume</p>", result.Content, StringComparison.Ordinal);
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Equal(lastModified, result.LastModified);
        Assert.StartsWith("NewsWatch/", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ConditionalGetWithMatchingValidators_IsNotModified()
    {
        var lastModified = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
        var url = Server.Map("/conditional", Conditional("<p>v1</p>", "\"v1\"", lastModified));
        await using var services = FetcherHost.Build();
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var first = await fetcher.FetchAsync(new FetchRequest(url), CancellationToken.None);
        var byETag = await fetcher.FetchAsync(new FetchRequest(url, first.ETag), CancellationToken.None);
        var byDate = await fetcher.FetchAsync(new FetchRequest(url, LastModified: first.LastModified), CancellationToken.None);
        var stale = await fetcher.FetchAsync(new FetchRequest(url, "\"v0\""), CancellationToken.None);

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(FetchOutcome.NotModified, byETag.Outcome);
        Assert.Equal(304, byETag.StatusCode);
        Assert.Null(byETag.Content);
        Assert.Equal("\"v1\"", byETag.ETag);
        Assert.Equal(FetchOutcome.NotModified, byDate.Outcome);
        Assert.Equal(FetchOutcome.Ok, stale.Outcome);
    }

    [Fact]
    public async Task Fetch_TooManyRequestsWithRetryAfter_WaitsOnTheInjectedClockThenSucceeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var started = time.GetUtcNow();
        var url = Server.MapSequence("/429-then-ok", TooManyRequests("30"), Html("<p>ok</p>"));

        var result = await FetchOnFakeTimeAsync(url, time);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(2, Server.RequestCount("/429-then-ok"));
        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(30), "the retry came before Retry-After");
    }

    [Fact]
    public async Task Fetch_RetryAfterAsHttpDate_IsMeasuredOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var started = time.GetUtcNow();
        var url = Server.MapSequence(
            "/429-date",
            context => TooManyRequests(time.GetUtcNow().AddSeconds(40).ToString("R", CultureInfo.InvariantCulture))(context),
            Html("<p>ok</p>"));

        var result = await FetchOnFakeTimeAsync(url, time);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(39), "the retry came before the Retry-After date");
    }

    [Fact]
    public async Task Fetch_TooManyRequestsOnEveryAttempt_IsRateLimitedAfterTheRetries()
    {
        var url = Server.Map("/429-always", TooManyRequests("0"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(429, result.StatusCode);
        Assert.Equal(3, Server.RequestCount("/429-always"));
    }

    [Fact]
    public async Task Fetch_RetryAfterLongerThanTheCap_IsRateLimitedWithoutRetrying()
    {
        var url = Server.Map("/429-hour", TooManyRequests("3600"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(1, Server.RequestCount("/429-hour"));
        Assert.Contains("3600", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ServiceUnavailableWithRetryAfter_IsRateLimited()
    {
        var url = Server.Map("/503-retry-after", Status(503, "0"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.RateLimited, result.Outcome);
        Assert.Equal(3, Server.RequestCount("/503-retry-after"));
    }

    [Fact]
    public async Task Fetch_ServerErrorThenOk_IsOkAfterOneRetry()
    {
        var url = Server.MapSequence("/500-then-ok", Status(500), Html("<p>second time lucky</p>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Contains("second time lucky", result.Content, StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestCount("/500-then-ok"));
    }

    [Fact]
    public async Task Fetch_ServerErrorOnEveryAttempt_IsServerError()
    {
        var url = Server.Map("/502-always", Status(502));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.ServerError, result.Outcome);
        Assert.Equal(502, result.StatusCode);
        Assert.Equal(3, Server.RequestCount("/502-always"));
    }

    [Fact]
    public async Task Fetch_HeadersSlowerThanTheAttemptTimeout_IsTimeoutAfterRetrying()
    {
        var url = Server.Map("/slow-headers", Delayed(TimeSpan.FromSeconds(30), Html("<p>late</p>")));

        var result = await FetcherHost.FetchAsync(url, ShortAttempts);

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Equal(2, Server.RequestCount("/slow-headers"));
    }

    [Fact]
    public async Task Fetch_BodySlowerThanTheAttemptTimeout_IsTimeout()
    {
        var url = Server.Map("/slow-body", SlowBody("<html><body>" + new string('x', 2000) + "</body></html>", TimeSpan.FromSeconds(30)));

        var result = await FetcherHost.FetchAsync(url, ShortAttempts);

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
    }

    [Fact]
    public async Task Fetch_RetriesBeyondTheTotalTimeout_AreCutShort()
    {
        var url = Server.Map("/slow-total", Delayed(TimeSpan.FromSeconds(30), Html("<p>late</p>")));

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?>
        {
            ["Fetch:AttemptTimeout"] = "00:00:00.200",
            ["Fetch:TotalTimeout"] = "00:00:00.500",
            ["Fetch:MaxRetries"] = "10",
        });

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.InRange(Server.RequestCount("/slow-total"), 1, 4);
    }

    [Theory]
    [InlineData("/large-declared", true)]
    [InlineData("/large-chunked", false)]
    public async Task Fetch_BodyOverTheCap_IsTooLargeWithoutRetrying(string path, bool withContentLength)
    {
        var url = Server.Map(path, Large(200_000, withContentLength));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Contains("65536", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestCount(path));
    }

    [Fact]
    public async Task Fetch_BodyExactlyAtTheCap_IsOk()
    {
        var url = Server.Map("/at-cap", Large(65536, withContentLength: false));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(65536, result.Content!.Length);
    }

    [Fact]
    public async Task Fetch_GzipBodyOverTheCapOnlyAfterDecompression_IsTooLarge()
    {
        var url = Server.Map("/gzip-bomb", Gzip(Encoding.ASCII.GetBytes(new string('a', 1_000_000))));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
    }

    [Fact]
    public async Task Fetch_GzipBody_IsDecompressed()
    {
        var url = Server.Map("/gzip", Gzip(Encoding.UTF8.GetBytes("<html><body><p>" + Russian + "</p></body></html>")));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Contains(Russian, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ThreeRedirects_IsOkWithTheFinalUrl()
    {
        var url = Server.MapRedirectChain("/chain3", 3, Html("<p>the end</p>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(url, result.Url);
        Assert.Equal(Server.Url("/chain3/3"), result.FinalUrl);
        Assert.Contains("the end", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SixRedirects_IsTooManyRedirects()
    {
        var url = Server.MapRedirectChain("/chain6", 6, Html("<p>never</p>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.TooManyRedirects, result.Outcome);
        Assert.Equal(0, Server.RequestCount("/chain6/6"));
    }

    [Theory]
    [InlineData(401, FetchOutcome.Blocked)]
    [InlineData(403, FetchOutcome.Blocked)]
    [InlineData(451, FetchOutcome.Blocked)]
    [InlineData(404, FetchOutcome.NotFound)]
    [InlineData(410, FetchOutcome.NotFound)]
    [InlineData(400, FetchOutcome.ClientError)]
    [InlineData(418, FetchOutcome.ClientError)]
    public async Task Fetch_ClientErrorStatus_MapsToItsOutcomeWithoutRetrying(int status, FetchOutcome expected)
    {
        var path = $"/status-{status}";
        var url = Server.Map(path, Status(status));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), result.Error, StringComparison.Ordinal);
        Assert.Equal(1, Server.RequestCount(path));
    }

    [Fact]
    public async Task Fetch_ConnectionReset_IsNetworkErrorAfterRetrying()
    {
        var url = Server.Map("/reset", Abort());

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.NetworkError, result.Outcome);
        Assert.Equal(3, Server.RequestCount("/reset"));
    }

    [Fact]
    public async Task Fetch_ConnectionResetMidBody_IsNetworkError()
    {
        var url = Server.Map("/reset-mid-body", AbortMidBody("<html><body>" + new string('x', 4000) + "</body></html>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.NetworkError, result.Outcome);
    }

    [Fact]
    public async Task Fetch_ConnectionRefused_IsNetworkError()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await FetcherHost.FetchAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(FetchOutcome.NetworkError, result.Outcome);
    }

    [Fact]
    public async Task Fetch_Image_IsNotHtml()
    {
        var url = Server.Map("/logo.png", Bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.NotHtml, result.Outcome);
        Assert.Contains("image/png", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/rss+xml")]
    [InlineData("application/atom+xml")]
    [InlineData("text/xml")]
    [InlineData("application/xhtml+xml")]
    [InlineData("text/plain")]
    public async Task Fetch_FeedXmlAndLenientTypes_AreAccepted(string contentType)
    {
        var url = Server.Map("/type/" + contentType.Replace('/', '-').Replace('+', '-'), Text("<rss version=\"2.0\"/>", contentType));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(contentType, result.ContentType);
    }

    [Fact]
    public async Task Fetch_CharsetInTheHeader_DecodesWindows1251()
    {
        var html = "<html><body><p>" + Russian + "</p></body></html>";
        var url = Server.Map("/cp1251-header", Bytes(Windows1251.GetBytes(html), "text/html; charset=windows-1251"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Contains(Russian, result.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cp1251-meta", "<meta charset=\"windows-1251\">")]
    [InlineData("/cp1251-http-equiv", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">")]
    public async Task Fetch_CharsetOnlyInAMetaTag_DecodesWindows1251(string path, string meta)
    {
        var html = "<html><head>" + meta + "<title>" + Russian + "</title></head><body><p>" + Russian + "</p></body></html>";
        var url = Server.Map(path, Bytes(Windows1251.GetBytes(html), "text/html"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Contains("<p>" + Russian + "</p>", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ShiftJisMeta_Decodes()
    {
        const string japanese = "停戦交渉が再開された";
        var html = "<html><head><meta charset=shift_jis></head><body><p>" + japanese + "</p></body></html>";
        var url = Server.Map("/sjis", Bytes(CodePages("shift_jis").GetBytes(html), null));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Contains(japanese, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_EucKrHeader_Decodes()
    {
        const string korean = "휴전 협상이 재개되었다";
        var url = Server.Map("/euc-kr", Bytes(CodePages("euc-kr").GetBytes("<p>" + korean + "</p>"), "text/html; charset=EUC-KR"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Contains(korean, result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ByteOrderMark_WinsOverTheHeaderCharset()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<p>" + Russian + "</p>")).ToArray();
        var url = Server.Map("/bom", Bytes(body, "text/html; charset=windows-1251"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal("<p>" + Russian + "</p>", result.Content);
    }

    [Fact]
    public async Task Fetch_XmlDeclarationEncoding_DecodesAFeed()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>" + Russian + "</title></channel></rss>";
        var url = Server.Map("/feed-1251.xml", Bytes(Windows1251.GetBytes(xml), "application/rss+xml"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Contains("<title>" + Russian + "</title>", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_LocalFile_IsReadWithItsMetaCharset()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Fetching", "cp1251-meta.html");

        var result = await FetcherHost.FetchAsync(new Uri(path));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(new Uri(path), result.FinalUrl);
        Assert.Equal("text/html", result.ContentType);
        Assert.Contains("Переговоры", result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_MissingLocalFile_IsInvalidUrlNamingThePath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Fetching", "no-such-page.html");

        var result = await FetcherHost.FetchAsync(new Uri(path));

        Assert.Equal(FetchOutcome.InvalidUrl, result.Outcome);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_UnsupportedScheme_IsInvalidUrl()
    {
        var result = await FetcherHost.FetchAsync(new Uri("ftp://news.example.org/index.html"));

        Assert.Equal(FetchOutcome.InvalidUrl, result.Outcome);
    }

    [Fact]
    public async Task Fetch_CallerCancels_Throws()
    {
        var url = Server.Map("/cancelled", Delayed(TimeSpan.FromSeconds(30), Html("<p>late</p>")));
        await using var services = FetcherHost.Build();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => services.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(url), cancellation.Token));
    }

    [Fact]
    public async Task Fetch_FailingHost_OpensItsCircuitOnly()
    {
        var url = Server.Map("/cb-failing", Status(500));
        var healthy = Server.Map("/cb-healthy", Html("<p>fine</p>"));
        await using var services = FetcherHost.Build(new Dictionary<string, string?>
        {
            ["Fetch:MaxRetries"] = "0",

            // Three requests: robots.txt (a 404, a success) and two 500s, which open the circuit.
            ["Fetch:CircuitBreakerMinimumThroughput"] = "3",
            ["Fetch:CircuitBreakerFailureRatio"] = "0.5",
        });
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var first = await fetcher.FetchAsync(new FetchRequest(url), CancellationToken.None);
        var second = await fetcher.FetchAsync(new FetchRequest(url), CancellationToken.None);
        var third = await fetcher.FetchAsync(new FetchRequest(healthy), CancellationToken.None);
        var otherHost = await fetcher.FetchAsync(
            new FetchRequest(new UriBuilder(healthy) { Host = "localhost" }.Uri), CancellationToken.None);

        Assert.Equal(FetchOutcome.ServerError, first.Outcome);
        Assert.Equal(FetchOutcome.ServerError, second.Outcome);
        Assert.Equal(FetchOutcome.CircuitOpen, third.Outcome);
        Assert.Equal(FetchOutcome.Ok, otherHost.Outcome);
        Assert.Equal(1, Server.RequestCount("/cb-healthy"));
    }

    [Fact]
    public async Task Options_OutOfRange_FailValidationWithEveryMessage()
    {
        await using var services = FetcherHost.Build(new Dictionary<string, string?>
        {
            ["Fetch:MaxRetries"] = "99",
            ["Fetch:MaxRedirects"] = "-1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FetchOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(nameof(FetchOptions.MaxRetries), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(FetchOptions.MaxRedirects), StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new FetchOptions();

        Assert.Null(options.UserAgent);
        Assert.Matches(@"^NewsWatch/\d+\.\d+\.\d+ \(\+https://github\.com/newswatch/newswatch\)$", FetchPolicy.DefaultUserAgent);
        Assert.Equal(5 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(TimeSpan.FromSeconds(20), options.AttemptTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TotalTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(5, options.MaxRedirects);
    }

    private static readonly Dictionary<string, string?> ShortAttempts = new()
    {
        ["Fetch:AttemptTimeout"] = "00:00:00.200",
        ["Fetch:MaxRetries"] = "1",
    };

    private static Encoding CodePages(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    /// <summary>Fetches on a fake clock, moving it on in steps until the fetch ends (bounded, so a hang fails the test).</summary>
    private static async Task<FetchResult> FetchOnFakeTimeAsync(Uri url, FakeTimeProvider time)
    {
        await using var services = FetcherHost.Build(
            new Dictionary<string, string?>
            {
                ["Fetch:AttemptTimeout"] = "00:10:00",
                ["Fetch:TotalTimeout"] = "00:30:00",
                ["Fetch:MaxRetryAfter"] = "00:01:00",
            },
            time);
        var fetch = services.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(url), CancellationToken.None);
        for (var step = 0; step < 500 && !fetch.IsCompleted; step++)
        {
            await Task.WhenAny(fetch, Task.Delay(10));
            time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.True(fetch.IsCompleted, "the fetch did not end on the fake clock");
        return await fetch;
    }
}

using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.State;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>robots.txt obeyed by the fetcher, against a loopback Kestrel site per test.</summary>
public sealed class RobotsCacheTests
{
    [Fact]
    public async Task Fetch_DisallowedPath_IsDisallowedAndNeverRequested()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Text("User-agent: *\nDisallow: /private/\n\nUser-agent: NewsWatch\nDisallow: /private/\nDisallow: /drafts/\n", "text/plain"));
        var secret = server.Map("/drafts/story.html", Html("<p>secret</p>"));
        var open = server.Map("/news/story.html", Html("<p>news</p>"));
        await using var services = FetcherHost.Build();
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var disallowed = await fetcher.FetchAsync(new FetchRequest(secret), CancellationToken.None);
        var allowed = await fetcher.FetchAsync(new FetchRequest(open), CancellationToken.None);
        await fetcher.FetchAsync(new FetchRequest(open), CancellationToken.None);

        Assert.Equal(FetchOutcome.Disallowed, disallowed.Outcome);
        Assert.Contains("/drafts/story.html", disallowed.Error, StringComparison.Ordinal);
        Assert.Equal(FetchOutcome.Ok, allowed.Outcome);
        Assert.Equal(0, server.RequestCount("/drafts/story.html"));
        Assert.Equal(1, server.RequestCount("/robots.txt"));
    }

    [Fact]
    public async Task Fetch_RedirectIntoDisallowedPath_IsNotFollowed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Text("User-agent: *\nDisallow: /private/\n", "text/plain"));
        server.Map("/private/a", Html("<p>secret</p>"));
        var start = server.Map("/go", Redirect("/private/a"));

        var result = await FetcherHost.FetchAsync(start);

        Assert.Equal(FetchOutcome.Disallowed, result.Outcome);
        Assert.Equal(0, server.RequestCount("/private/a"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(401)]
    [InlineData(410)]
    public async Task Fetch_Robots4xx_AllowsEverything(int status)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Status(status));
        var url = server.Map("/page", Html("<p>x</p>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
    }

    [Fact]
    public async Task Fetch_Robots5xx_FetchesNothingUntilItCanBeRead()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Status(503));
        var url = server.Map("/page", Html("<p>x</p>"));

        var result = await FetcherHost.FetchAsync(url, new Dictionary<string, string?> { ["Fetch:MaxRetries"] = "0" });

        Assert.Equal(FetchOutcome.ServerError, result.Outcome);
        Assert.Contains("robots.txt", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount("/page"));
    }

    [Fact]
    public async Task Fetch_RobotsUnreadableThenReadable_FetchesAfterTheRetryDelay()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapSequence("/robots.txt", Status(500), Text("User-agent: *\nDisallow: /x/\n", "text/plain"));
        var url = server.Map("/page", Html("<p>x</p>"));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = FetcherHost.Build(new Dictionary<string, string?> { ["Fetch:MaxRetries"] = "0" }, time);
        var fetcher = services.GetRequiredService<IPageFetcher>();

        var first = await fetcher.FetchAsync(new FetchRequest(url), CancellationToken.None);
        time.Advance(RobotsCache.UnreachableRetry + TimeSpan.FromSeconds(1));
        var second = await fetcher.FetchAsync(new FetchRequest(url), CancellationToken.None);

        Assert.Equal(FetchOutcome.ServerError, first.Outcome);
        Assert.Equal(FetchOutcome.Ok, second.Outcome);
        Assert.Equal(2, server.RequestCount("/robots.txt"));
        Assert.Equal(1, server.RequestCount("/page"));
    }

    [Fact]
    public async Task Fetch_RobotsBehindRedirects_FollowsThem()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.MapRedirectChain("/robots.txt", 3, Text("User-agent: *\nDisallow: /blocked\n", "text/plain"));
        var url = server.Map("/blocked-page", Html("<p>x</p>"));

        var result = await FetcherHost.FetchAsync(url);

        Assert.Equal(FetchOutcome.Disallowed, result.Outcome);
    }

    [Fact]
    public async Task Fetch_TwoInstancesSharingTheStateStore_ReadRobotsOnce()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Map("/robots.txt", Text("User-agent: *\nDisallow: /no/\n", "text/plain"));
        var url = server.Map("/yes", Html("<p>x</p>"));
        var blocked = server.Map("/no/x", Html("<p>x</p>"));
        var folder = Directory.CreateTempSubdirectory("nw-robots-").FullName;
        try
        {
            var state = new FolderStateStore(folder);
            await using var first = FetcherHost.Build(configure: s => s.AddSingleton<IStateStore>(state));
            await using var second = FetcherHost.Build(configure: s => s.AddSingleton<IStateStore>(state));

            await first.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(url), CancellationToken.None);
            var result = await second.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(blocked), CancellationToken.None);

            Assert.Equal(FetchOutcome.Disallowed, result.Outcome);
            Assert.Equal(1, server.RequestCount("/robots.txt"));
            Assert.NotNull(await state.GetAsync(StatePartitions.Robots, server.BaseUri.GetLeftPart(UriPartial.Authority), CancellationToken.None));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Fetch_FileUrl_SkipsRobots()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nw-robots-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(path, "<p>local</p>");
        try
        {
            var result = await FetcherHost.FetchAsync(new Uri(path));

            Assert.Equal(FetchOutcome.Ok, result.Outcome);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

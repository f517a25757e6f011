using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.State;

public sealed class FolderStateStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-state-").FullName;

    [Fact]
    public async Task TryAdd_SecondTime_KeepsTheFirstValue()
    {
        var store = new FolderStateStore(_dir);
        const string key = "https://news.example.org/world/a?b=1#frag";

        Assert.True(await store.TryAddAsync("seen-s", key, "one", CancellationToken.None));
        Assert.False(await store.TryAddAsync("seen-s", key, "two", CancellationToken.None));
        Assert.Equal("one", await store.GetAsync("seen-s", key, CancellationToken.None));
    }

    [Fact]
    public async Task TryAdd_Concurrent_ExactlyOneWins()
    {
        var store = new FolderStateStore(_dir);

        for (var round = 0; round < 25; round++)
        {
            var key = $"alert-{round}";
            var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => store.TryAddAsync("alerts", key, $"v{i}", CancellationToken.None))));

            Assert.Single(results, r => r);
        }

        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Set_Replaces_AndGetOfMissingIsNull()
    {
        var store = new FolderStateStore(_dir);

        Assert.Null(await store.GetAsync("health", "s1", CancellationToken.None));
        await store.SetAsync("health", "s1", "a", CancellationToken.None);
        await store.SetAsync("health", "s1", "b", CancellationToken.None);
        Assert.Equal("b", await store.GetAsync("health", "s1", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_WithPathCharacters_StayInsideTheStateFolder()
    {
        var store = new FolderStateStore(_dir);

        await store.SetAsync("../escape", "../../etc/passwd", "x", CancellationToken.None);

        Assert.Equal("x", await store.GetAsync("../escape", "../../etc/passwd", CancellationToken.None));
        Assert.All(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories), f => Assert.StartsWith(Path.Combine(_dir, "state"), f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_GivesEveryKeyOfThePartition_LongKeysIncluded_AndDeleteRemoves()
    {
        var store = new FolderStateStore(_dir);
        var longKey = "https://news.example.org/" + new string('a', 300) + "?q=1";
        await store.SetAsync("articles-h", "short-key", "1", CancellationToken.None);
        await store.TryAddAsync("articles-h", longKey, "2", CancellationToken.None);
        await store.SetAsync("articles-other", "x", "3", CancellationToken.None);

        var listed = new Dictionary<string, string>();
        await foreach (var (key, value) in store.ListAsync("articles-h", CancellationToken.None))
        {
            listed[key] = value;
        }

        Assert.Equal(new Dictionary<string, string> { ["short-key"] = "1", [longKey] = "2" }, listed);
        await store.DeleteAsync("articles-h", longKey, CancellationToken.None);
        await store.DeleteAsync("articles-h", "missing", CancellationToken.None);
        Assert.Null(await store.GetAsync("articles-h", longKey, CancellationToken.None));
        await foreach (var item in store.ListAsync("articles-none", CancellationToken.None))
        {
            Assert.Fail($"unexpected {item.Key}");
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TryReplace_Concurrent_ExactlyOneWinsAndAStaleExpectationLoses()
    {
        var first = new FolderStateStore(_dir);
        var second = new FolderStateStore(_dir);

        for (var round = 0; round < 25; round++)
        {
            var key = "k" + round;
            await first.SetAsync("deliveries", key, "sending-old", CancellationToken.None);
            var racers = Enumerable.Range(0, 8)
                .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).TryReplaceAsync("deliveries", key, "sending-old", "sending-" + i, CancellationToken.None)))
                .ToList();
            var wins = (await Task.WhenAll(racers)).Count(w => w);

            Assert.Equal(1, wins);
            Assert.False(await first.TryReplaceAsync("deliveries", key, "sending-old", "late", CancellationToken.None));
            Assert.StartsWith("sending-", await first.GetAsync("deliveries", key, CancellationToken.None), StringComparison.Ordinal);
        }

        Assert.False(await first.TryReplaceAsync("deliveries", "missing", "x", "y", CancellationToken.None));
    }
}

using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.State;

/// <summary>State records through the source-generated JSON metadata (<c>ContractJsonContext</c>).</summary>
public sealed class StateJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-state-json-").FullName;

    [Fact]
    public async Task GetJson_HealthWrittenBeforeRecentNewLinks_ReadsAsNone()
    {
        var store = new FolderStateStore(_dir);
        await store.SetAsync("health", "s1", """{"sourceId":"s1","consecutiveFailures":2,"lastError":"timeout"}""", CancellationToken.None);

        var health = await store.GetJsonAsync<SourceHealth>("health", "s1", CancellationToken.None);

        Assert.NotNull(health);
        Assert.Equal(2, health.ConsecutiveFailures);
        Assert.Empty(health.RecentNewLinks);
    }

    [Fact]
    public async Task GetJson_UnreadableRecord_ThrowsNamingTheRecord_AndLeavesItAsItIs()
    {
        var store = new FolderStateStore(_dir);
        await store.SetAsync("alerts", "a1", "{damaged", CancellationToken.None);

        var ex = await Assert.ThrowsAsync<UnreadableStateException>(() => store.GetJsonAsync<AlertLedgerEntry>("alerts", "a1", CancellationToken.None));

        Assert.Equal(("alerts", "a1"), (ex.Partition, ex.Key));
        Assert.StartsWith("The state record 'a1' in partition 'alerts' is not a readable AlertLedgerEntry: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("restore it, or delete it", ex.Message, StringComparison.Ordinal);
        Assert.Equal("{damaged", await store.GetAsync("alerts", "a1", CancellationToken.None));
        Assert.False(NewsWatch.Core.Delivery.StorageFaults.IsOutage(ex), "damaged data is not a storage outage: waiting would not mend it");
    }

    [Fact]
    public async Task GetJsonOrAbsent_UnreadableRecord_IsNull_ReadableOneIsRead()
    {
        var store = new FolderStateStore(_dir);
        await store.SetAsync("health", "s1", "[1,2", CancellationToken.None);
        await store.SetAsync("health", "s2", """{"sourceId":"s2","consecutiveFailures":1}""", CancellationToken.None);

        Assert.Null(await store.GetJsonOrAbsentAsync<SourceHealth>("health", "s1", CancellationToken.None));
        Assert.Equal(1, (await store.GetJsonOrAbsentAsync<SourceHealth>("health", "s2", CancellationToken.None))?.ConsecutiveFailures);
        Assert.Null(await new SourceStateStore(store).GetHealthAsync("s1", CancellationToken.None));
    }

    [Fact]
    public async Task SetJson_ThenGetJson_RoundTripsEveryField()
    {
        var store = new FolderStateStore(_dir);
        var at = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);
        var health = new SourceHealth("s1", at, at, at, "ok", null, 0, null)
        {
            LinksFound = 12,
            LastNewLinkAt = at,
            RecentNewLinks = [new NewLinkCount(at, 3)],
        };

        await store.SetJsonAsync("health", "s1", health, CancellationToken.None);
        var read = await store.GetJsonAsync<SourceHealth>("health", "s1", CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(health with { RecentNewLinks = read.RecentNewLinks }, read);
        Assert.Equal(health.RecentNewLinks, read.RecentNewLinks);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

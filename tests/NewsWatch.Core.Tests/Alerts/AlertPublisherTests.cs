using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.Alerts;

/// <summary>On the local folder's real files: a retry never makes a second alert blob or message.</summary>
public sealed class AlertPublisherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-publish-").FullName;

    [Fact]
    public async Task Publish_Twice_OneBlobOneMessage()
    {
        var (publisher, queue) = Create();
        var alert = Alert(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

        Assert.True(await publisher.PublishAsync(alert, CancellationToken.None));
        Assert.False(await publisher.PublishAsync(alert, CancellationToken.None));

        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "alerts"), "*.json", SearchOption.AllDirectories));
        var message = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal("2026/11/25/0123456789abcdef.json", message.Message!.BlobName);
    }

    [Fact]
    public async Task Publish_RetryAfterMidnight_ReusesTheFirstBlobName()
    {
        var (publisher, _) = Create();
        await publisher.PublishAsync(Alert(new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.Zero)), CancellationToken.None);

        await publisher.PublishAsync(Alert(new DateTimeOffset(2026, 11, 26, 0, 0, 5, TimeSpan.Zero)), CancellationToken.None);

        var blob = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "alerts"), "*.json", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("2026", "11", "25", "0123456789abcdef.json"), blob, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_CrashAfterBlobBeforeMessage_RetrySendsTheMessage()
    {
        var state = new FolderStateStore(_dir);
        var store = new FolderAlertStore(_dir);
        var queue = new FolderAlertQueue(_dir);
        var alert = Alert(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        // The first attempt got as far as the blob.
        var entry = await new AlertLedger(state).ReserveAsync(alert.Id, alert.DetectedAt, CancellationToken.None);
        await store.CreateIfAbsentAsync(entry.BlobName, alert, CancellationToken.None);

        var created = await new AlertPublisher(new AlertLedger(state), store, queue).PublishAsync(alert, CancellationToken.None);

        Assert.False(created);
        Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public async Task FolderQueue_CompleteAndPoison_MoveFiles()
    {
        var (publisher, queue) = Create();
        await publisher.PublishAsync(Alert(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        await publisher.PublishAsync(Alert(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)) with { Id = "fedcba9876543210" }, CancellationToken.None);

        var messages = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None);
        await queue.CompleteAsync(messages[0], CancellationToken.None);
        await queue.PoisonAsync(messages[1], "no such blob", CancellationToken.None);

        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_dir, "queue", "poison", "fedcba9876543210.json")));
        Assert.Equal("no such blob", File.ReadAllText(Path.Combine(_dir, "queue", "poison", "fedcba9876543210.reason.txt")));
    }

    [Fact]
    public async Task FolderQueue_ReceiveCount_SurvivesANewProcess()
    {
        var (publisher, _) = Create();
        await publisher.PublishAsync(Alert(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        // Each run of `newswatch deliver` is a new queue object over the same folder.
        var first = Assert.Single(await new FolderAlertQueue(_dir).ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
        var second = Assert.Single(await new FolderAlertQueue(_dir).ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
    }

    private (AlertPublisher Publisher, FolderAlertQueue Queue) Create()
    {
        var queue = new FolderAlertQueue(_dir);
        return (new AlertPublisher(new AlertLedger(new FolderStateStore(_dir)), new FolderAlertStore(_dir), queue), queue);
    }

    private static Alert Alert(DateTimeOffset detectedAt) => new(
        "0123456789abcdef", 1, "ceasefire", "ceasefire", "s1", "https://news.example.org/a", "Title",
        null, detectedAt, "en", [new TermMatch("ceasefire", "body", 1)], [new Snippet("body", "A ceasefire.", [new Highlight(2, 9)])]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

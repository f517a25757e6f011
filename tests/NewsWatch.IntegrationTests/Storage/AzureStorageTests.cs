using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Rules;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TableStateStore_TryAdd_StoresOnceAndKeepsFirstValue()
    {
        var store = new TableStateStore(new TableServiceClient(azurite.ConnectionString).GetTableClient("t" + Guid.NewGuid().ToString("N")));
        var key = "https://news.example.org/a?b=1#x";

        Assert.Null(await store.GetAsync("seen-s1", key, CancellationToken.None));
        Assert.True(await store.TryAddAsync("seen-s1", key, "first", CancellationToken.None));
        Assert.False(await store.TryAddAsync("seen-s1", key, "second", CancellationToken.None));
        Assert.Equal("first", await store.GetAsync("seen-s1", key, CancellationToken.None));

        await store.SetAsync("seen-s1", key, "third", CancellationToken.None);
        Assert.Equal("third", await store.GetAsync("seen-s1", key, CancellationToken.None));
    }

    [Fact]
    public async Task TableStateStore_SetMany_WritesBatchesOfAHundred_LastValueOfAKeyWins()
    {
        var requests = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new TableStateStore(new TableServiceClient(azurite.ConnectionString, options).GetTableClient("t" + Guid.NewGuid().ToString("N")));
        await store.SetAsync("stories", "key:0", "old", CancellationToken.None); // replaced by the batch

        var records = Enumerable.Range(0, 150).Select(i => KeyValuePair.Create($"key:{i}", $"v{i}")).ToList();
        records.Add(KeyValuePair.Create("key:7", "seven, again")); // one key twice: the last value
        var before = requests.Batches;
        await store.SetManyAsync("stories", records, CancellationToken.None);

        Assert.Equal(2, requests.Batches - before); // 150 records: one transaction of 100, one of 50
        Assert.Equal("v0", await store.GetAsync("stories", "key:0", CancellationToken.None));
        Assert.Equal("seven, again", await store.GetAsync("stories", "key:7", CancellationToken.None));
        Assert.Equal("v149", await store.GetAsync("stories", "key:149", CancellationToken.None));
        var listed = 0;
        await foreach (var _ in store.ListAsync("stories", CancellationToken.None))
        {
            listed++;
        }

        Assert.Equal(150, listed);
    }

    [Fact]
    public async Task TableStateStore_List_ReturnsThePartitionInPages_AndDeleteRemoves()
    {
        var store = new TableStateStore(new TableServiceClient(azurite.ConnectionString).GetTableClient("t" + Guid.NewGuid().ToString("N")));
        var keys = Enumerable.Range(0, 1205).Select(i => $"https://news.example.org/story/{i}?x=1#y").ToList();
        foreach (var batch in keys.Chunk(50))
        {
            await Task.WhenAll(batch.Select(k => store.SetAsync("articles-h", k, "v:" + k, CancellationToken.None)));
        }

        await store.SetAsync("articles-other", "https://other.example.org/", "x", CancellationToken.None);

        var listed = new Dictionary<string, string>();
        await foreach (var (key, value) in store.ListAsync("articles-h", CancellationToken.None))
        {
            listed[key] = value;
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(listed, p => Assert.Equal("v:" + p.Key, p.Value));

        await store.DeleteAsync("articles-h", keys[0], CancellationToken.None);
        await store.DeleteAsync("articles-h", "https://never.example.org/", CancellationToken.None);
        Assert.Null(await store.GetAsync("articles-h", keys[0], CancellationToken.None));
    }

    [Fact]
    public async Task BlobHostLeases_OneHolderAtATime_AndReleasedOnDispose()
    {
        var leases = new NewsWatch.Core.Scanning.BlobHostLeases(
            new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("l" + Guid.NewGuid().ToString("N")),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<NewsWatch.Core.Scanning.BlobHostLeases>.Instance);

        var first = await leases.TryAcquireAsync("news.example.org", CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await leases.TryAcquireAsync("news.example.org", CancellationToken.None));
        await using (var other = await leases.TryAcquireAsync("other.example.org", CancellationToken.None))
        {
            Assert.NotNull(other);
        }

        await first.DisposeAsync();
        await using var again = await leases.TryAcquireAsync("news.example.org", CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task BlobAlertStore_CreateIfAbsent_NeverOverwrites()
    {
        var store = new BlobAlertStore(new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("c" + Guid.NewGuid().ToString("N")));
        var alert = SampleAlert("first title");

        Assert.True(await store.CreateIfAbsentAsync("2026/11/25/abc.json", alert, CancellationToken.None));
        Assert.False(await store.CreateIfAbsentAsync("2026/11/25/abc.json", alert with { Title = "second title" }, CancellationToken.None));
        Assert.Equal("first title", (await store.GetAsync("2026/11/25/abc.json", CancellationToken.None))?.Title);
        Assert.Null(await store.GetAsync("2026/11/25/missing.json", CancellationToken.None));
    }

    [Fact]
    public async Task StorageQueueAlertQueue_WritesBase64Json_ThatAPlainClientDecodes()
    {
        var name = "q" + Guid.NewGuid().ToString("N");
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var queue = new StorageQueueAlertQueue(new QueueClient(azurite.ConnectionString, name, options), new QueueClient(azurite.ConnectionString, name + "-poison", options));
        var message = new AlertMessage("9f2c4e1a7b3d5f60", "2026/11/25/9f2c4e1a7b3d5f60.json", "ceasefire", "https://news.example.org/a", "Talks");

        await queue.EnqueueAsync(message, CancellationToken.None);

        // What is on the wire is Base64 of the JSON, as the Functions queue trigger reads by default.
        var raw = await new QueueClient(azurite.ConnectionString, name).PeekMessageAsync();
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.Value.Body.ToString()));
        Assert.Equal(message, AlertJson.DeserializeMessage(json));

        var received = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Equal(message, received.Message);
        await queue.PoisonAsync(received, "test", CancellationToken.None);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None));
        var poisoned = await new QueueClient(azurite.ConnectionString, name + "-poison", options).ReceiveMessageAsync();
        Assert.Equal(message, AlertJson.DeserializeMessage(poisoned.Value.Body.ToString()));
    }

    private static Alert SampleAlert(string title) => new(
        "abc", 1, "ceasefire", "ceasefire", "s1", "https://news.example.org/a", title,
        null, new DateTimeOffset(2026, 11, 25, 9, 41, 12, TimeSpan.Zero), "en",
        [new TermMatch("ceasefire", "body", 1)], [new Snippet("body", "A ceasefire.", [new Highlight(2, 9)])]);

    /// <summary>Counts the entity group transactions (POST <c>$batch</c>) a client sends.</summary>
    private sealed class RequestCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private int _batches;

        public int Batches => Volatile.Read(ref _batches);

        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _batches);
            }
        }
    }
}

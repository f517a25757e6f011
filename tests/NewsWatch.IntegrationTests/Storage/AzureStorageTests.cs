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
}

using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Configuration;
using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Configuration;

/// <summary>The function app's config from blob <c>config/newswatch.json</c> on a real Azurite: re-read on a new ETag, a bad one refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobConfigProviderTests(AzuriteFixture azurite)
{
    private const string Good = """{"sources":[{"id":"world","url":"https://news.example.org/world/"}],"rules":[{"id":"ceasefire","query":"ceasefire"}]}""";
    private const string Better = """{"sources":[{"id":"world","url":"https://news.example.org/world/"}],"rules":[{"id":"ceasefire","query":"ceasefire"},{"id":"truce","query":"truce"}]}""";
    private const string Bad = """{"sources":[{"id":"world","url":"https://news.example.org/world/","colour":"red"}],"rules":[{"id":"ceasefire","query":"(ceasefire"}]}""";

    [Fact]
    public async Task GetConfig_BlobChanges_ReadsTheNewOne_RefusesABadOne_KeepsTheLastGood()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("config" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("newswatch.json");
        await blob.UploadAsync(BinaryData.FromString(Good), overwrite: true);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var logger = new FakeLogger<BlobConfigProvider>();
        var provider = new BlobConfigProvider(blob, time, logger);

        var first = await provider.GetConfigAsync(CancellationToken.None);
        Assert.Single(first.Rules);

        // Changed, but not re-checked before the interval is over.
        await blob.UploadAsync(BinaryData.FromString(Better), overwrite: true);
        Assert.Same(first, await provider.GetConfigAsync(CancellationToken.None));

        time.Advance(BlobConfigProvider.RecheckInterval);
        var second = await provider.GetConfigAsync(CancellationToken.None);
        Assert.Equal(["ceasefire", "truce"], second.Rules.Select(r => r.Id));

        // Unchanged ETag: the same object, no new parse.
        time.Advance(BlobConfigProvider.RecheckInterval);
        Assert.Same(second, await provider.GetConfigAsync(CancellationToken.None));

        await blob.UploadAsync(BinaryData.FromString(Bad), overwrite: true);
        time.Advance(BlobConfigProvider.RecheckInterval);
        Assert.Same(second, await provider.GetConfigAsync(CancellationToken.None));
        var error = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("sources[0].colour: unknown field 'colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules[0].query: Rule 'ceasefire': syntax error at column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfig_StartingWhileTheBlobIsBad_StartsWithTheLastGoodCopy_AndLogsWhy()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("config" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("newswatch.json");
        await blob.UploadAsync(BinaryData.FromString(Better), overwrite: true);
        Assert.Equal(2, (await new BlobConfigProvider(blob, TimeProvider.System, new FakeLogger<BlobConfigProvider>()).GetConfigAsync(CancellationToken.None)).Rules.Count);

        // The blob turns bad; a new instance (a restarted worker) starts with the last good copy.
        await blob.UploadAsync(BinaryData.FromString(Bad), overwrite: true);
        var logger = new FakeLogger<BlobConfigProvider>();
        var restarted = new BlobConfigProvider(blob, TimeProvider.System, logger);

        var config = await restarted.GetConfigAsync(CancellationToken.None);

        Assert.Equal(["ceasefire", "truce"], config.Rules.Select(r => r.Id));
        var error = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("starting with the last good config", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'colour'", error.Message, StringComparison.Ordinal);

        // With no good copy at all, the error is the config's own.
        var empty = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("config" + Guid.NewGuid().ToString("N")[..8]);
        await empty.CreateIfNotExistsAsync();
        await empty.GetBlobClient("newswatch.json").UploadAsync(BinaryData.FromString(Bad));
        var none = new BlobConfigProvider(empty.GetBlobClient("newswatch.json"), TimeProvider.System, new FakeLogger<BlobConfigProvider>());
        var ex = await Assert.ThrowsAsync<ConfigException>(() => none.GetConfigAsync(CancellationToken.None));
        Assert.Contains("unknown field 'colour'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfig_NoBlob_SaysWhereToPutIt()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("config" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync();
        var provider = new BlobConfigProvider(container.GetBlobClient("newswatch.json"), TimeProvider.System, new FakeLogger<BlobConfigProvider>());

        var ex = await Assert.ThrowsAsync<ConfigException>(() => provider.GetConfigAsync(CancellationToken.None));

        Assert.Contains("does not exist: upload newswatch.json there, or set NEWSWATCH_CONFIG", ex.Message, StringComparison.Ordinal);
    }
}

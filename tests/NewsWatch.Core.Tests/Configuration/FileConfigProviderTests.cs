using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Tests.Configuration;

public sealed class FileConfigProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-config-").FullName;

    [Fact]
    public async Task GetConfig_ChangedToInvalid_KeepsLastGoodAndLogsError()
    {
        var path = Path.Combine(_dir, "newswatch.json");
        await File.WriteAllTextAsync(path, """{"sources":[],"rules":[{"id":"a","query":"ceasefire"}]}""");
        var logger = new FakeLogger<FileConfigProvider>();
        var provider = new FileConfigProvider(path, logger);

        var first = await provider.GetConfigAsync(CancellationToken.None);
        await File.WriteAllTextAsync(path, """{"sources":[],"rules":[{"id":"a","query":"ceasefire"}],"bogus":1}""");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        var second = await provider.GetConfigAsync(CancellationToken.None);

        Assert.Same(first, second);
        var error = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("bogus: unknown field 'bogus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConfig_ChangedToValid_ReadsTheNewOne()
    {
        var path = Path.Combine(_dir, "newswatch.json");
        await File.WriteAllTextAsync(path, """{"sources":[],"rules":[{"id":"a","query":"ceasefire"}]}""");
        var provider = new FileConfigProvider(path, new FakeLogger<FileConfigProvider>());
        await provider.GetConfigAsync(CancellationToken.None);

        await File.WriteAllTextAsync(path, """{"sources":[],"rules":[{"id":"a","query":"ceasefire"},{"id":"b","query":"truce"}]}""");
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));

        Assert.Equal(2, (await provider.GetConfigAsync(CancellationToken.None)).Rules.Count);
    }

    [Fact]
    public async Task GetConfig_NeverValid_Throws()
    {
        var path = Path.Combine(_dir, "newswatch.json");
        await File.WriteAllTextAsync(path, "{");
        var provider = new FileConfigProvider(path, new FakeLogger<FileConfigProvider>());

        await Assert.ThrowsAsync<ConfigException>(() => provider.GetConfigAsync(CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

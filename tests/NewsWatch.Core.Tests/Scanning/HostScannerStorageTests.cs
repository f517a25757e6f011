using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Tests.Fetching;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>
/// Storage calls of one host scan, counted by partition on a wrapper around the local folder store: what a scan costs
/// per source must not grow with the articles it fetches where a per-scan read would do.
/// </summary>
public sealed class HostScannerStorageTests(LoopbackServerFixture fixture) : IClassFixture<LoopbackServerFixture>
{
    private static readonly RuleSet Rules = RuleSet.Compile([new RuleDefinition("ceasefire", "ceasefire")]);

    [Fact]
    public async Task Scan_ManyNewArticles_ReadsEachSourcesHealthOnce()
    {
        var prefix = "/" + Guid.NewGuid().ToString("N");
        var links = string.Concat(Enumerable.Range(0, 12).Select(i =>
        {
            fixture.Server.Map($"{prefix}/news/{i}.html", Html(ScanTestHost.Page($"Story {i}", i % 2 == 0 ? "A ceasefire was agreed." : "Markets were calm.")));
            return $"<a href=\"{prefix}/news/{i}.html\">Story {i}</a>";
        }));
        var world = fixture.Server.Map(prefix + "/world/", Html($"<html><body><main>{links}</main></body></html>"));
        var europe = fixture.Server.Map(prefix + "/europe/", Html($"<html><body><main>{links}</main></body></html>"));
        var stateDirectory = Directory.CreateTempSubdirectory("nw-state-").FullName;
        var counting = new CountingStateStore(new FolderStateStore(stateDirectory));
        try
        {
            await using var host = ScanTestHost.Create(configure: services =>
            {
                services.AddSingleton<IArticleExtractor, ScriptedPageExtractor>();
                services.AddSingleton<IStateStore>(counting);
            });
            Source[] sources = [new("world", world, SourceKind.Page, "/news/"), new("europe", europe, SourceKind.Page, "/news/")];

            var results = await host.Services.GetRequiredService<HostScanner>().ScanAsync(HostKey.Of(world), sources, Rules, null, CancellationToken.None);

            Assert.Equal(12, results.Sum(r => r.ArticlesFetched));
            Assert.Equal(6, host.ReadAlerts().Count);
            Assert.Equal(2, counting.Reads(StatePartitions.Health));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    /// <summary>Counts point reads per partition, and passes every call on.</summary>
    private sealed class CountingStateStore(IStateStore inner) : IStateStore
    {
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        public int Reads(string partition) => _reads.GetValueOrDefault(partition);

        public Task<string?> GetAsync(string partition, string key, CancellationToken cancellationToken)
        {
            _reads.AddOrUpdate(partition, 1, static (_, n) => n + 1);
            return inner.GetAsync(partition, key, cancellationToken);
        }

        public Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken) =>
            inner.TryAddAsync(partition, key, value, cancellationToken);

        public Task<bool> TryReplaceAsync(string partition, string key, string expected, string value, CancellationToken cancellationToken) =>
            inner.TryReplaceAsync(partition, key, expected, value, cancellationToken);

        public Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken) =>
            inner.SetAsync(partition, key, value, cancellationToken);

        public IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(string partition, CancellationToken cancellationToken) =>
            inner.ListAsync(partition, cancellationToken);

        public Task DeleteAsync(string partition, string key, CancellationToken cancellationToken) =>
            inner.DeleteAsync(partition, key, cancellationToken);
    }
}

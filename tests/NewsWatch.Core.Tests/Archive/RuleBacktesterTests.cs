using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Archive;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Archive;

public sealed class RuleBacktesterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "nw-archive-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 30, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task ListAsync_AfterPut_ReturnsArticlesSinceTheGivenTime()
    {
        var archive = new FolderArticleArchive(_dir, _time);
        await archive.PutAsync(Article("https://x.example/old", "old", _time.GetUtcNow().AddHours(-30)), CancellationToken.None);
        await archive.PutAsync(Article("https://x.example/new", "new", _time.GetUtcNow().AddHours(-1)), CancellationToken.None);

        var listed = await archive.ListAsync(_time.GetUtcNow().AddHours(-2), CancellationToken.None).ToListAsync();

        Assert.Equal(["new"], listed.Select(a => a.Title));
    }

    [Fact]
    public async Task PurgeExpiredAsync_OlderThan48Hours_Deleted()
    {
        var archive = new FolderArticleArchive(_dir, _time);
        await archive.PutAsync(Article("https://x.example/a", "a", _time.GetUtcNow().AddHours(-50)), CancellationToken.None);
        await archive.PutAsync(Article("https://x.example/b", "b", _time.GetUtcNow().AddHours(-47)), CancellationToken.None);
        var backtester = new RuleBacktester(archive, _time);

        var deleted = await backtester.PurgeExpiredAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var left = await archive.ListAsync(_time.GetUtcNow().AddDays(-10), CancellationToken.None).ToListAsync();
        Assert.Equal(["b"], left.Select(a => a.Title));
    }

    [Fact]
    public async Task RunAsync_NewRule_FindsArchivedArticlesInsideTheSourceWindow()
    {
        var archive = new FolderArticleArchive(_dir, _time);
        var now = _time.GetUtcNow();
        await archive.PutAsync(Article("https://x.example/1", "Ceasefire agreed", now.AddHours(-2)), CancellationToken.None);
        await archive.PutAsync(Article("https://x.example/2", "Ceasefire talks", now.AddHours(-2), published: now.AddHours(-30)), CancellationToken.None);
        await archive.PutAsync(Article("https://x.example/3", "Weather", now.AddHours(-2)), CancellationToken.None);
        var backtester = new RuleBacktester(archive, _time);

        var counts = new BacktestCounts();

        var found = await backtester.RunAsync([new RuleDefinition("cf", "ceasefire")], _ => TimeSpan.FromHours(24), CancellationToken.None, counts).ToListAsync();

        var match = Assert.Single(found);
        Assert.Equal("https://x.example/1", match.Article.Url.AbsoluteUri);
        Assert.Equal("cf", match.Match.RuleId);
        Assert.Equal(3, counts.Kept);
        Assert.Equal(2, counts.InWindow); // the second was published 30 hours ago, outside the 24-hour window
    }

    [Fact]
    public void AddedOrChanged_ComparesQueryLanguageAndCompounds()
    {
        RuleDefinition[] before = [new("a", "x"), new("b", "y"), new("c", "z")];
        RuleDefinition[] after = [new("a", "x"), new("b", "y2"), new("c", "z", "de"), new("d", "w")];

        Assert.Equal(["b", "c", "d"], RuleBacktester.AddedOrChanged(before, after).Select(r => r.Id));
    }

    private static ArchivedArticle Article(string url, string title, DateTimeOffset archivedAt, DateTimeOffset? published = null) =>
        new("src", new Uri(url), title, "Body text of " + title + ".", published, archivedAt);
}

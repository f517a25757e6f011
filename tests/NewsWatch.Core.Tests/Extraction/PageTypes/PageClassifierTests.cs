using System.Text.Json;
using NewsWatch.Core.Extraction;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Extraction.PageTypes;

/// <summary>
/// Page types over the fixtures in <c>TestData/</c>: pages written in the styles of big news sites (home, section,
/// tag, author, search, gallery, video, error, consent and paywall pages, live blogs, articles with, without and
/// with lying metadata) in six languages, each with its expected type in <c>manifest.json</c>.
/// </summary>
public sealed class PageClassifierTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "NewsWatch.Core.Tests", "Extraction", "PageTypes", "TestData");

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Manifest().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Extract_Fixture_HasItsExpectedPageType(string name)
    {
        var expected = Manifest()[name];

        var article = new ArticleExtractor().Extract(File.ReadAllText(Path.Combine(Folder, name)), null);

        Assert.True(expected.Type == Name(article.PageType), $"{name} ({expected.Note}): expected {expected.Type}, got {Name(article.PageType)}\n{string.Join("\n", article.PageTypeReasons)}");
        Assert.NotEmpty(article.PageTypeReasons);
    }

    [Fact]
    public void Extract_Fixtures_CoverEveryKindInSixLanguages()
    {
        var manifest = Manifest();

        Assert.True(manifest.Count >= 40, $"only {manifest.Count} fixtures");
        Assert.Equal(["de", "en", "es", "fr", "ja", "ru"], manifest.Values.Select(f => f.Language).Distinct().Order(StringComparer.Ordinal));
        foreach (var type in (string[])["article", "liveblog", "other"])
        {
            Assert.Contains(manifest.Values, f => f.Type == type);
        }
    }

    [Theory]
    [MemberData(nameof(LiveBlogs))]
    public void Extract_LiveBlogFixture_ReadsEveryEntryWithoutTheHeadlineOrKeyPoints(string name)
    {
        var expected = Manifest()[name];
        var html = File.ReadAllText(Path.Combine(Folder, name));

        var article = new ArticleExtractor().Extract(html, null);

        Assert.Equal(PageType.LiveBlog, article.PageType);
        Assert.Equal(expected.Entries, article.Entries.Count);
        Assert.Equal(expected.FirstEntryTitle, article.Entries[0].Title);
        Assert.All(article.Entries, e =>
        {
            Assert.NotNull(e.Time);
            Assert.NotNull(e.Anchor);
            Assert.Equal(e.Anchor, e.EntryId);
            Assert.False(string.IsNullOrWhiteSpace(e.Text));
            Assert.DoesNotContain(article.Title!, e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(e.Title!, e.Text, StringComparison.Ordinal);
        });
        Assert.Equal(article.Entries.Count, article.Entries.Select(e => e.EntryId).Distinct().Count());
        Assert.True(article.Entries[0].Time > article.Entries[^1].Time, "entries keep page order (newest first here)");
        Assert.Equal(expected.CoverageEndTime, article.CoverageEndTime);
    }

    public static TheoryData<string> LiveBlogs()
    {
        var data = new TheoryData<string>();
        foreach (var (name, fixture) in Manifest().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (fixture.Type == "liveblog")
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void Extract_ArticleOrOther_HasNoEntries()
    {
        var article = new ArticleExtractor().Extract(File.ReadAllText(Path.Combine(Folder, "en-article-A.html")), null);
        var other = new ArticleExtractor().Extract(File.ReadAllText(Path.Combine(Folder, "en-home-B.html")), null);

        Assert.Equal(PageType.Article, article.PageType);
        Assert.Empty(article.Entries);
        Assert.Null(article.CoverageEndTime);
        Assert.Equal(PageType.Other, other.PageType);
        Assert.Empty(other.Entries);
    }

    [Fact]
    public void Extract_TagPageFetchedFromATagUrl_IsOtherAndSaysWhy()
    {
        var html = File.ReadAllText(Path.Combine(Folder, "en-teasers-nometa-C.html"));

        var article = new ArticleExtractor().Extract(html, new Uri("https://news.example.org/tag/ceasefire/"));

        Assert.Equal(PageType.Other, article.PageType);
        Assert.Contains(article.PageTypeReasons, r => r.Contains("tag, topic, author", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_EmptyPage_IsOther()
    {
        var article = new ArticleExtractor().Extract("<html><body></body></html>", null);

        Assert.Equal(PageType.Other, article.PageType);
    }

    private static string Name(PageType type) => type switch
    {
        PageType.LiveBlog => "liveblog",
        PageType.Other => "other",
        _ => "article",
    };

    private static Dictionary<string, Fixture> Manifest()
        => JsonSerializer.Deserialize<Dictionary<string, Fixture>>(File.ReadAllText(Path.Combine(Folder, "manifest.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private sealed record Fixture(string Type, string Language, string Note, int Entries, string? FirstEntryTitle, DateTimeOffset? CoverageEndTime);
}

using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class ArticleMetadataTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly ArticleExtractor _extractor = new(
        new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) }, new FakeTimeProvider(Now));

    private const string Body = "<body><article><p>The ferry service resumes on Monday after the strike ended, the port said.</p></article></body>";

    [Fact]
    public void Extract_JsonLdGraph_ReadsDatesAuthorAndSite()
    {
        const string html = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Harbour Times"},
              {"@type":"WebPage","datePublished":"2020-01-01T00:00:00Z"},
              {"@type":"NewsArticle","headline":"Ferries resume","datePublished":"2026-03-09T08:00:00+01:00",
               "dateModified":"2026-03-10T09:30:00Z","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
               "publisher":{"@type":"Organization","name":"Harbour Times Ltd"}}]}
            </script></head>
            """ + Body + "</html>";

        var article = _extractor.Extract(html, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 7, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero), article.ModifiedAt);
        Assert.Equal("Jane Doe, John Roe", article.Author);
        Assert.Equal("Harbour Times Ltd", article.SiteName);
    }

    [Fact]
    public void Extract_OpenGraphAndMeta_ReadsModifiedAuthorAndSite()
    {
        const string html = """
            <html><head>
            <meta property="og:site_name" content="Harbour Times">
            <meta property="article:published_time" content="2026-03-08T10:00:00Z">
            <meta property="article:modified_time" content="2026-03-09T10:00:00Z">
            <meta name="author" content="By Jane Doe">
            </head>
            """ + Body + "</html>";

        var article = _extractor.Extract(html, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero), article.ModifiedAt);
        Assert.Equal("Jane Doe", article.Author);
        Assert.Equal("Harbour Times", article.SiteName);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    [InlineData("1970-01-01T01:00:00+01:00")]
    [InlineData("2026-03-12T12:00:00Z")]
    [InlineData("2099-01-01")]
    public void Extract_ImpossiblePublishedDate_IsIgnoredForTheNextOne(string impossible)
    {
        var html = $$"""
            <html><head>
            <meta property="article:published_time" content="{{impossible}}">
            <meta property="article:modified_time" content="{{impossible}}">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-03-10T06:00:00Z"}</script>
            </head>
            """ + Body + "</html>";

        var article = _extractor.Extract(html, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Null(article.ModifiedAt);
    }

    [Fact]
    public void Extract_DateWithinADayAhead_IsKept()
    {
        var html = """<html><head><meta property="article:published_time" content="2026-03-11T01:00:00+02:00"></head>""" + Body + "</html>";

        var article = _extractor.Extract(html, null);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }
}

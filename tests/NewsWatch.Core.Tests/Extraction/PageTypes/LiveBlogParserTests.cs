using System.Text;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction.PageTypes;

/// <summary>Live-blog entries read by the extractor from JSON-LD and from the markup.</summary>
public sealed class LiveBlogParserTests
{
    private static readonly Uri PageUrl = new("https://news.example.org/2026/11/25/live-talks-58300");

    [Fact]
    public void Extract_JsonLdInGraph_GivesEntriesWithAnchorsAndCoverageEnd()
    {
        const string html = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},
             {"@type":"LiveBlogPosting","headline":"Live: talks","coverageEndTime":"2026-11-25T20:00:00+01:00",
              "liveBlogUpdate":[
               {"@type":"BlogPosting","headline":"Talks resume","articleBody":"Delegations met again on Tuesday morning in Geneva.","datePublished":"2026-11-25T10:00:00Z","url":"https://news.example.org/2026/11/25/live-talks-58300#post-2"},
               {"@type":"BlogPosting","articleBody":"A ceasefire is not on the table yet, officials said.","datePublished":"2026-11-25T09:00:00Z"}]}]}
            </script></head><body><h1>Live: talks</h1><p>Standfirst about the talks in Geneva today.</p></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, PageUrl);

        Assert.Equal(PageType.LiveBlog, article.PageType);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.Zero), article.CoverageEndTime);
        Assert.Equal(2, article.Entries.Count);
        Assert.Equal(new LiveBlogEntry("post-2", "post-2", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), "Talks resume", "Delegations met again on Tuesday morning in Geneva."), article.Entries[0]);
        var second = article.Entries[1];
        Assert.Null(second.Anchor);
        Assert.Matches("^[0-9a-f]{16}$", second.EntryId);
        Assert.Equal(second.EntryId, new ArticleExtractor().Extract(html, PageUrl).Entries[1].EntryId);
    }

    [Fact]
    public void Extract_EntryWithoutId_GetsAHashThatChangesWithItsText()
    {
        var a = LiveBlogParser.Hash(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), "A ceasefire is not on the table.");
        var b = LiveBlogParser.Hash(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), "A ceasefire is on the table.");

        Assert.Matches("^[0-9a-f]{16}$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(a, LiveBlogParser.Hash(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1)), "A ceasefire is not on the table."));
    }

    [Fact]
    public void Extract_MarkupEntries_LeaveOutHeadlineStandfirstAndKeyPoints()
    {
        var html = LivePage(entries: 4, withIds: true);

        var article = new ArticleExtractor().Extract(html, PageUrl);

        Assert.Equal(PageType.LiveBlog, article.PageType);
        Assert.Equal(["update-3", "update-2", "update-1", "update-0"], article.Entries.Select(e => e.EntryId));
        Assert.All(article.Entries, e =>
        {
            Assert.DoesNotContain("Standfirst", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Key point", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Live: talks", e.Text, StringComparison.Ordinal);
            Assert.StartsWith("Entry body", e.Text, StringComparison.Ordinal);
        });
        Assert.Equal("Entry title 3", article.Entries[0].Title);
    }

    [Fact]
    public void Extract_TimedBlocksWithoutIds_AreNoLiveBlog()
    {
        var article = new ArticleExtractor().Extract(LivePage(entries: 4, withIds: false), PageUrl);

        Assert.Equal(PageType.Article, article.PageType);
        Assert.Empty(article.Entries);
    }

    [Fact]
    public void Extract_CommentThreadUnderAnArticle_IsNoLiveBlog()
    {
        var body = string.Concat(Enumerable.Range(0, 5).Select(i => $"<p>Paragraph {i} of the article, long enough to be prose: the council met on Tuesday and voted on the plan for the harbour.</p>"));
        var comments = string.Concat(Enumerable.Range(0, 6).Select(i => $"""<li id="c{i}"><b>Reader {i}</b> <time datetime="2026-11-25T1{i}:00:00Z">now</time><p>I think the council is wrong about the harbour, and I said so at the meeting.</p></li>"""));
        var html = $"""<html><body><article><h1>Council votes on the harbour plan after a long debate</h1>{body}</article><section class="comments"><ol>{comments}</ol></section></body></html>""";

        var article = new ArticleExtractor().Extract(html, PageUrl);

        Assert.Equal(PageType.Article, article.PageType);
        Assert.Empty(article.Entries);
    }

    [Fact]
    public void Extract_ListOfTeasersWithTimesAndIds_IsNoLiveBlog()
    {
        var items = string.Concat(Enumerable.Range(0, 12).Select(i => $"""<article id="post-{i}"><h2><a href="/2026/11/{i + 1:00}/story-{i}">Headline number {i} of the teaser list on this page</a></h2><time datetime="2026-11-{i + 1:00}T10:00:00Z">{i + 1} Nov</time><p>One line of summary for story {i}.</p></article>"""));
        var html = $"""<html><body><h1>Politics</h1><main>{items}</main></body></html>""";

        var article = new ArticleExtractor().Extract(html, new Uri("https://news.example.org/politics/"));

        Assert.Equal(PageType.Other, article.PageType);
        Assert.Empty(article.Entries);
    }

    [Fact]
    public void Extract_DeeplyNestedPage_DoesNotOverflowTheStack()
    {
        const int depth = 100_000;
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++)
        {
            html.Append(i % 3 == 0 ? "<div id=\"d" + i + "\">" : "<span>");
        }

        html.Append("<time datetime=\"2026-11-25T10:00:00Z\">x</time><p>deep text</p>");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html.ToString());

        var signals = PageSignals.Read(doc, new Dictionary<string, string>(), [], null);
        var result = PageClassifier.Classify(signals, doc, "deep text", [doc.Body!]);

        Assert.Equal(PageType.Other, result.Type);
        Assert.True(signals.TextLength >= 9);
    }

    private static string LivePage(int entries, bool withIds)
    {
        var posts = string.Concat(Enumerable.Range(0, entries).Reverse().Select(i =>
            $"""<div class="post"{(withIds ? $" id=\"update-{i}\"" : string.Empty)}><time datetime="2026-11-25T1{i}:00:00Z">1{i}:00</time><h3>Entry title {i}</h3><p>Entry body {i}: the delegations met again and spoke about the next round of talks.</p><a class="share" href="#update-{i}">Share</a></div>"""));
        return $"""
            <html><head><meta property="og:type" content="article"></head><body>
            <h1>Live: talks in Geneva as delegations meet again</h1>
            <p class="standfirst">Standfirst: the talks go on, follow the latest here.</p>
            <div class="key-points"><h2>Key points</h2><ul><li>Key point one about the talks</li><li>Key point two</li></ul></div>
            <div class="feed">{posts}</div></body></html>
            """;
    }
}

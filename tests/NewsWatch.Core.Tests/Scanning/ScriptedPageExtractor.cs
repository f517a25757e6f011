using System.Globalization;
using AngleSharp.Html.Parser;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>
/// The real extractor, with the page type and live-blog entries read from test markup instead of the page classifier,
/// so the scanner's tests pin the scanner's own behaviour: <c>&lt;meta name="test-page-type" content="liveblog"&gt;</c>,
/// entries as <c>&lt;div class="test-entry" id="..." data-time="..."&gt;</c>, <c>&lt;meta name="test-coverage-end"&gt;</c>,
/// and <c>&lt;meta name="test-throw"&gt;</c> (an unexpected exception) or <c>test-too-complex</c>.
/// </summary>
internal sealed class ScriptedPageExtractor : IArticleExtractor
{
    private readonly ArticleExtractor _inner = new();

    public Article Extract(string html, Uri? pageUrl)
    {
        var doc = new HtmlParser().ParseDocument(html);
        string? Meta(string name) => doc.QuerySelector($"meta[name='{name}']")?.GetAttribute("content");
        if (Meta("test-throw") is not null)
        {
            throw new InvalidOperationException("scripted failure");
        }

        if (Meta("test-too-complex") is not null)
        {
            throw new PageTooComplexException("scripted: too complex");
        }

        var article = _inner.Extract(html, pageUrl);
        var type = Meta("test-page-type") switch
        {
            "liveblog" => PageType.LiveBlog,
            "other" => PageType.Other,
            _ => PageType.Article,
        };
        var entries = doc.QuerySelectorAll(".test-entry")
            .Select(e => new LiveBlogEntry(
                e.Id!,
                e.Id,
                e.GetAttribute("data-time") is { } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : null,
                null,
                e.TextContent.Trim()))
            .ToList();
        return article with
        {
            PageType = type,
            Entries = entries,
            CoverageEndTime = Meta("test-coverage-end") is { } end ? DateTimeOffset.Parse(end, CultureInfo.InvariantCulture) : null,
        };
    }
}

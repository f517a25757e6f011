using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class RegionPrunerTests
{
    private const string Prose = "Engineers inspected the wooden piles in spring and found that most of them had rotted below the waterline, the report says. ";
    private const string Other = "Workers will close the promenade for three months while cranes lift the new concrete blocks into place along the quay. ";

    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Extract_BemPartsOfRegionNamedAfterGallery_AreKept()
    {
        // The body's block is named after a gallery; its parts carry that name too and are the article, not furniture.
        var items = string.Concat(Enumerable.Range(0, 4).Select(i =>
            $"<div class=photo-gallery__item><p>Project {i}: {Prose}{Other}</p></div>"));
        var html = "<html><body><div class='article-body photo-gallery'>"
            + $"<div class=photo-gallery__description><p>{Other}{Prose}</p></div>{items}</div>"
            + "<aside><a href=/a>Other projects</a></aside></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Project 0: Engineers", article.Text, StringComparison.Ordinal);
        Assert.Contains("Project 3: Engineers", article.Text, StringComparison.Ordinal);
        Assert.StartsWith("Workers will close", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_GalleryInsideOtherBody_IsStillDropped()
    {
        var html = $"<html><body><article><div class=article-body><p>{Prose}{Other}</p><p>{Other}{Prose}</p>"
            + "<div class=gallery><p>Picture one of twelve from the harbour</p></div><p>" + Prose + "</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("Picture one of twelve", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("editorial-disclaimer")]
    [InlineData("affiliate-text")]
    [InlineData("postmetadata")]
    [InlineData("post-ratings")]
    [InlineData("advertiser-disclosure")]
    public void Extract_BoxNamedAsBoilerplate_IsDropped(string cls)
    {
        var html = $"<html><body><article><div class=entry-content><p>{Prose}{Other}</p><p>{Other}{Prose}</p>"
            + $"<div class={cls}><p>This box is not part of the story and was written once for every page of the site.</p></div>"
            + $"<p>{Prose}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("This box is not part", article.Text, StringComparison.Ordinal);
    }
}

using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class ParagraphFallbackTests
{
    private const string Prose = "The ferry service resumes on Monday after a strike that lasted two weeks, the port authority said in a statement. ";

    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Extract_BodyWithoutContainerFirstMethodKnows_IsFoundByParagraphs()
    {
        // Paragraphs spread over table cells and a short contact box: nothing the region method scores well.
        var html = "<html><body><table><tr><td class=nav><a href=/a>Home</a> <a href=/b>News</a></td></tr>"
            + $"<tr><td><p>{Prose}</p></td></tr><tr><td><p>{Prose}</p></td></tr><tr><td><p>{Prose}</p></td></tr></table>"
            + "<div class=contact>Tel. 0123</div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("The ferry service resumes on Monday", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NormalArticle_KeepsFirstMethodText()
    {
        var html = $"<html><head><meta property=og:description content=\"{Prose}\"></head><body><nav><a href=/a>Home</a></nav>"
            + $"<article><p>{Prose}</p><p>{Prose}</p></article><footer><p>About us and a long footer text that should never be part of the article at all.</p></footer></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("The ferry service resumes", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("About us", article.Text, StringComparison.Ordinal);
    }
}

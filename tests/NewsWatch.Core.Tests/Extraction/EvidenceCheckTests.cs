using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class EvidenceCheckTests
{
    private const string Lead = "The harbour council decided on Tuesday evening that the old ferry pier will be rebuilt in stone before the summer season begins next year.";
    private const string Prose = "Engineers inspected the wooden piles in spring and found that most of them had rotted below the waterline, the report says. ";
    private const string Other = "Workers will close the promenade for three months while cranes lift the new concrete blocks into place along the quay. ";

    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Extract_LeadAboveBodyContainer_IsJoined()
    {
        var html = $"<html><head><meta property=og:description content=\"{Lead}\"></head><body><article><h1>Pier rebuilt</h1>"
            + $"<p class=intro>{Lead}</p><div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Lead, article.Text, StringComparison.Ordinal);
        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ShortSubtitleAboveBody_IsNotJoined()
    {
        const string Dek = "The old pier will be rebuilt in stone next year.";
        var html = $"<html><head><meta property=og:description content=\"{Dek} {Lead}\"></head><body><article><h1>Pier rebuilt</h1>"
            + $"<p class=dek>{Dek}</p><div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain(Dek, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_TeaserGridChosenInsteadOfArticle_IsChosenAgainAroundSummary()
    {
        // The body marker sits on a grid of teaser links; the article itself is in an unmarked block.
        var teasers = string.Concat(Enumerable.Range(0, 12).Select(i => $"<p><a href=/s{i}>Another story about the town number {i} that readers clicked on today</a></p>"));
        var html = $"<html><head><meta property=og:description content=\"{Lead}\"></head><body>"
            + $"<div><div><p>{Lead}</p><p>{Prose}</p><p>{Other}</p></div></div>"
            + $"<div class=article-body>{teasers}</div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another story about the town", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SummaryIsAuthorBioAfterBody_KeepsBody()
    {
        const string Bio = "Hi, I am Sam, I write this blog about trains, ferries and slow travel across the north of Europe since many years.";
        var html = $"<html><head><meta name=description content=\"{Bio}\"></head><body><article><div class=entry-content>"
            + $"<p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p><p>{Other}{Prose}</p></div></article>"
            + $"<aside class=about><p class=bio>{Bio}</p></aside></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("I write this blog", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void WordsOf_SoftHyphensAndCase_AreIgnored()
    {
        var words = PageEvidence.WordsOf("Werk\u00ADzeug and WERKZEUG, an ox");

        Assert.Equal(["werkzeug", "and"], words.Order(StringComparer.Ordinal).Reverse());
    }
}

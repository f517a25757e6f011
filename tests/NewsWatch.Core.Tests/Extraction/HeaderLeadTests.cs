using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class HeaderLeadTests
{
    private const string Standfirst = "Risks and side effects come not only with medicines but also with the rules made to fight a pandemic.";
    private const string Prose = "Engineers inspected the wooden piles in spring and found that most of them had rotted below the waterline, the report says. ";
    private const string Other = "Workers will close the promenade for three months while cranes lift the new concrete blocks into place along the quay. ";
    private const string Body = $"<div class=grid><div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></div>";

    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    [Fact]
    public void Extract_StandfirstHeadingUnderHeadline_IsJoined()
    {
        var html = $"<html><head><title>Why we need humility now</title></head><body><article><header><hgroup><h3>Berlin</h3>"
            + $"<h1>Why we need humility now</h1><h2>{Standfirst}</h2></hgroup></header>{Body}</article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Standfirst, article.Text, StringComparison.Ordinal);
        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_StandfirstParagraphAfterHeadlineWrapper_IsJoined()
    {
        var html = $"<html><head><title>Why we need humility now | Daily Post</title></head><body><div class=hero><div class=head>"
            + $"<h1>Why we need humility now</h1></div><p>{Standfirst}</p></div>{Body}</body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Standfirst, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_FirstH1IsNotTheHeadline_TextUnderItIsNotJoined()
    {
        const string Notice = "You are using an outdated browser; please update it to read every page of this site.";
        var html = $"<html><head><meta property=og:title content=\"Why we need humility now\"></head><body><div class=box><h1>Dear visitor</h1><p>{Notice}</p></div>"
            + $"<article><h1>Why we need humility now</h1>{Body}</article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("outdated browser", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LinkLineUnderHeadline_IsNotJoined()
    {
        var html = $"<html><head><title>Why we need humility now</title></head><body><header><h1>Why we need humility now</h1>"
            + $"<p><a href=/a>More opinion pieces about the pandemic rules</a> and <a href=/b>all columns of this week by our authors</a></p></header>{Body}</body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("opinion pieces", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_StandfirstInHeaderOutsideArticle_IsJoined()
    {
        var html = $"<html><head><title>Why we need humility now</title></head><body><section class=page><header class=top><div class=head>"
            + $"<a href=/world>World</a><h1>Why we need humility now</h1><h2>{Standfirst}</h2><div>3 May 2022</div></div></header>"
            + $"<article>{Body}</article></section></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Standfirst, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_StandfirstWrappedInDivAfterHeadlineBox_IsJoined()
    {
        var html = $"<html><head><title>Why we need humility now</title></head><body><div class=top><div><div>3 May 2022</div>"
            + $"<h1>Why we need humility now</h1></div></div><div class=intro><div class=big><h2>{Standfirst}</h2></div></div>{Body}</body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Standfirst, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DivAfterHeadlineHoldingSeveralBlocks_IsNotJoined()
    {
        var html = $"<html><head><title>Why we need humility now</title></head><body><div class=top><h1>Why we need humility now</h1></div>"
            + $"<div class=box><h2>{Standfirst}</h2><p>Read all columns of this week by our authors here.</p></div>{Body}</body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("Risks and side effects", article.Text, StringComparison.Ordinal);
    }
}

using System.Text;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class ReaderTextTests
{
    // A budget no loaded test machine runs out of: these tests are about the text, not the limits.
    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    private static string Page(string body) => $"<html><body><article>{body}</article></body></html>";

    [Fact]
    public void Extract_SoftHyphensAndZeroWidth_AreRemoved()
    {
        var article = _extractor.Extract(Page("<p>Die Bundes\u00ADregierung hat am Montag\u200B beschlossen, die Strom\u00ADsteuer zu senken.</p>"), null);

        Assert.Contains("Die Bundesregierung hat am Montag beschlossen, die Stromsteuer zu senken.", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DecomposedText_IsNfc()
    {
        var article = _extractor.Extract(Page("<p>Cafe\u0301 in Mu\u0308nchen bleibt geöffnet, sagt der Wirt.</p>"), null);

        Assert.Contains("Café in München", article.Text, StringComparison.Ordinal);
        Assert.True(article.Text.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Extract_RubyReadings_AreDropped()
    {
        var article = _extractor.Extract(Page("<p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>で会議が開かれた。</p>"), null);

        Assert.Contains("東京で会議が開かれた。", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("とうきょう", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BodyOnlyInNoscript_IsRead()
    {
        var prose = string.Concat(Enumerable.Repeat("The ferry service resumes on Monday after the strike ended. ", 12));
        var html = $"<html><body><div id=app></div><noscript><article><p>{prose}</p><p>{prose}</p></article></noscript></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("The ferry service resumes on Monday", article.Text, StringComparison.Ordinal);
        Assert.Equal(PageType.Article, article.PageType);
    }

    [Fact]
    public void Extract_BodyOnlyInNoscript_IsRead_WhateverTheFormControlsOutsideItHold()
    {
        // A country picker outside the noscript is no text of the page: it must not count as the body the noscript
        // would stand beside.
        var prose = string.Concat(Enumerable.Repeat("The ferry service resumes on Monday after the strike ended. ", 12));
        var options = string.Concat(Enumerable.Range(1, 120).Select(i => $"<option>Country number {i}</option>"));
        var html = $"<html><body><div id=app><select name=country>{options}</select></div><noscript><article><p>{prose}</p><p>{prose}</p></article></noscript></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("The ferry service resumes on Monday", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_UnclosedTagInNoscriptSwallowingThePage_IsReadAndClassifiedAsABrowserShowsIt()
    {
        // The parser runs without scripts, as a browser with JavaScript off: the end tag of <noscript> after an
        // unclosed <div> is ignored, so the rest of the page lands inside the noscript, where that browser shows it.
        var prose = "The ferry service between the islands resumes on Monday after a strike that lasted nine days, the operator said. ";
        var paragraphs = string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>{string.Concat(Enumerable.Repeat(prose, 2))}Paragraph {i}.</p>"));
        var html = "<html><head><title>Ferry service resumes</title></head><body><noscript><div class=\"no-js-banner\"></noscript>"
            + "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
            + $"<h1>Ferry service between the islands resumes after strike</h1><div class=\"story\">{paragraphs}</div>"
            + "<footer><a href=\"/contact\">Contact</a></footer></body></html>";

        var article = _extractor.Extract(html, new Uri("https://news.example.org/islands/ferry-service-resumes-after-strike"));

        Assert.Contains("Paragraph 5.", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Contact", article.Text, StringComparison.Ordinal);
        Assert.True(article.PageType == PageType.Article, string.Join("; ", article.PageTypeReasons));
    }

    [Fact]
    public void Extract_NoscriptBesideRealBody_IsIgnored()
    {
        var prose = string.Concat(Enumerable.Repeat("The ferry service resumes on Monday after the strike ended. ", 12));
        var html = $"<html><body><article><p>{prose}</p></article><noscript><p>Please enable JavaScript to view the comments powered by a widget.</p></noscript></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("enable JavaScript", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BrAndBlocks_AreLineBreaks()
    {
        var article = _extractor.Extract(Page("<p>First line of the poem here<br>Second line of the poem here</p><div>Another block of text in the article body.</div>"), null);

        Assert.Contains("First line of the poem here\nSecond line of the poem here", article.Text, StringComparison.Ordinal);
        Assert.Contains("\n\nAnother block", article.Text, StringComparison.Ordinal);
    }
}

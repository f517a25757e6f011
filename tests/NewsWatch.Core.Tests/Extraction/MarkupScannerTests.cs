using AngleSharp.Html.Parser;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

/// <summary>
/// <see cref="MarkupScanner.Prepare"/> hands the parser the page without the content of scripts and style sheets:
/// what it removes must be raw text the tokenizer would only have skipped, so the parsed elements stay the same.
/// </summary>
public sealed class MarkupScannerTests
{
    private static readonly ExtractionOptions Options = new();

    [Theory]
    [InlineData("<script>var a = 1;</script>", "<script></script>")]
    [InlineData("<script async src=\"/a.js\">x()</script>", "<script async src=\"/a.js\"></script>")]
    [InlineData("<script type=\"text/javascript\">x()</script>", "<script type=\"text/javascript\"></script>")]
    [InlineData("<script type='module'>import a from 'b'</script>", "<script type='module'></script>")]
    [InlineData("<SCRIPT TYPE=application/javascript>x()</SCRIPT>", "<SCRIPT TYPE=application/javascript></SCRIPT>")]
    [InlineData("<style>p { color: red }</style>", "<style></style>")]
    [InlineData("<style media=\"print\">a > b { }</style><p>Text</p>", "<style media=\"print\"></style><p>Text</p>")]
    public void Prepare_ExecutableScriptOrStyleSheet_RemovesItsContent(string html, string expected)
    {
        Assert.Equal(expected, Prepare(html));
    }

    [Theory]
    [InlineData("<script type=\"application/ld+json\">{\"headline\":\"A\"}</script>")]
    [InlineData("<script type=\"application/json\" id=\"__DATA__\">{\"body\":\"text\"}</script>")]
    [InlineData("<script type=\"text/template\"><p>template</p></script>")]
    [InlineData("<script data-type=\"x\">a()</script>")]
    [InlineData("<script>document.write('<!--<script>x()</script>-->')</script>")]
    [InlineData("<svg><style>.a { fill: red }</style></svg>")]
    [InlineData("<textarea><script>not a script</script></textarea>")]
    [InlineData("<!-- <script>in a comment</script> -->")]
    [InlineData("<p>No scripts at all.</p>")]
    [InlineData("<script data-x=\"a>b\">x()</script>")]
    [InlineData("<script a 'b>var x = 'y';</script><p>Text</p><script>z()</script>")]
    [InlineData("<style>p::before { content: \"<\" }</style>")]
    public void Prepare_DataScriptsEscapesAndOtherContexts_KeepTheMarkup(string html)
    {
        Assert.Equal(html, Prepare(html));
    }

    [Fact]
    public void Prepare_StyleTagInsideScriptTextAfterAQuoteTheScanReadsDifferently_KeepsTheMarkupAfterIt()
    {
        // The scan reads the quote after a space as opening a value (the tokenizer does not), so it loses step with the
        // tokenizer until a later quote and a '>' in the script, and then meets "<style>" inside the script's text.
        var html = "<div class=a 'b>x</div><script>var s = 'q; if (a > b) { t = \"<style>\" }</script><p>Paragraph that must stay.</p><style>b{}</style>";

        var prepared = Prepare(html);

        Assert.Contains("<p>Paragraph that must stay.</p>", prepared, StringComparison.Ordinal);
        Assert.Equal(Shape(html), Shape(prepared));
    }

    [Fact]
    public void Prepare_NothingToRemove_ParsesThePageItself()
    {
        var html = "<html><body><p>Plain page.</p></body></html>";

        Assert.Same(html, Prepare(html));
    }

    [Fact]
    public void Parse_AfterDispose_Throws()
    {
        using var budget = new ExtractionBudget(TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None);
        var markup = MarkupScanner.Prepare("<p>a</p><script>b()</script>", Options, budget);
        markup.Dispose();

        Assert.Throws<ObjectDisposedException>(() => markup.Parse(new HtmlParser()));
    }

    [Fact]
    public void Prepare_EndTagLookalikeInsideScript_RemovesOnlyRawTextAndParsesTheSameElements()
    {
        // "</scripts" does not end the script for the tokenizer; whatever is cut, the rest must parse to the same tree.
        var html = "<body><script>var s = '</scripts>'; var t = '<p>not text</p>';</script><p>Body text.</p><style>b{}</style><div>After.</div></body>";

        var prepared = Prepare(html);

        Assert.True(prepared.Length < html.Length);
        Assert.Equal(Shape(html), Shape(prepared));
    }

    [Fact]
    public void Prepare_ManyScriptsBetweenParagraphs_ParsesTheSameElementsAndText()
    {
        var html = string.Concat(Enumerable.Range(0, 200).Select(i => (i % 3) switch
        {
            0 => $"<p>Paragraph {i} of the story.</p><script>window.x{i} = '<div>{i}</div>';</script>",
            1 => $"<style>.c{i} {{ margin: {i}px }}</style><div class=\"c{i}\">Block {i}</div>",
            _ => $"<script type=\"application/ld+json\">{{\"n\":{i}}}</script><span>Inline {i}</span>",
        }));

        var prepared = Prepare(html);

        Assert.True(prepared.Length < html.Length);
        Assert.Equal(Shape(html), Shape(prepared));
    }

    [Fact]
    public void Extract_ScriptWithMarkupInStrings_ReadsBodyAndJsonLdButNotTheScript()
    {
        var html = """
            <html><head><title>Ferries resume</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferries resume after the storm","datePublished":"2026-03-04T08:00:00Z"}</script>
            <script>var teaser = "<p>Sponsored: buy now, a sentence that must never be read as article text.</p>";</script>
            <style>article p { font-size: 18px }</style></head>
            <body><article><h1>Ferries resume after the storm</h1>
            <p>Ferry services across the harbour resumed on Tuesday morning after three days of cancellations caused by the storm.</p>
            <script>document.write("<p>Injected paragraph that the parser never builds.</p>")</script>
            <p>The operator said that all routes would run to the normal timetable by the weekend, with extra sailings added.</p>
            </article></body></html>
            """;

        var article = new ArticleExtractor().Extract(html, null);

        Assert.Contains("Ferry services across the harbour resumed", article.Text, StringComparison.Ordinal);
        Assert.Contains("extra sailings added", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sponsored", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", article.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    private static string Prepare(string html)
    {
        using var budget = new ExtractionBudget(TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None);
        using var markup = MarkupScanner.Prepare(html, Options, budget);
        return markup.ToString();
    }

    // Every element's name and the text of every node that is not inside a script or style sheet, in document order.
    private static List<string> Shape(string html)
    {
        using var doc = new HtmlParser().ParseDocument(html);
        return doc.All
            .Select(e => e.LocalName is "script" or "style"
                ? e.LocalName
                : e.LocalName + ":" + string.Concat(e.ChildNodes.Where(n => n.NodeType == AngleSharp.Dom.NodeType.Text).Select(n => n.TextContent)))
            .ToList();
    }
}

using System.Text;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

/// <summary>
/// Pages built to break the extractor (deep, huge, misnested, long attributes): each must give a result or
/// <see cref="PageTooComplexException"/>, never a stack overflow or a hang. Inputs are generated here.
/// </summary>
public sealed class HostilePageTests
{
    private readonly ArticleExtractor _extractor = new();

    // For pages that must be read: a budget no loaded test machine runs out of.
    private readonly ArticleExtractor _generous = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(2) });

    public static TheoryData<string> HostileShapes() =>
    [
        "deep-div", "unclosed-i", "misnested-b-i", "misnested-b-p", "misnested-a-div", "misnested-font-b",
        "siblings", "long-meta-property", "long-meta-content", "long-class", "camel-class", "big-text", "nul-and-surrogates",
        "deep-inline-under-block", "deep-table", "deep-svg",
    ];

    [Theory]
    [MemberData(nameof(HostileShapes))]
    public void Extract_HostilePage_GivesResultOrTooComplex(string shape)
    {
        var html = Build(shape);

        var outcome = ExtractOrTooComplex(html);

        Assert.True(outcome is Article or PageTooComplexException, $"{shape}: {outcome}");
    }

    [Theory]
    [InlineData("deep-div")]
    [InlineData("unclosed-i")]
    [InlineData("siblings")]
    public void Extract_BeyondLimits_ThrowsPageTooComplex(string shape)
    {
        Assert.Throws<PageTooComplexException>(() => _extractor.Extract(Build(shape), null));
    }

    [Fact]
    public void Extract_LongAttributes_StillReadsTheText()
    {
        var article = _generous.Extract(Build("long-class"), null);

        Assert.Contains("The council met on Tuesday", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ModeratelyDeepRealisticPage_IsExtracted()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 150; i++)
        {
            html.Append("<div class=wrap>");
        }

        html.Append("<article><p>").Append(Prose(20)).Append("</p><p>").Append(Prose(20)).Append("</p></article>");
        for (var i = 0; i < 150; i++)
        {
            html.Append("</div>");
        }

        var article = _generous.Extract(html.Append("</body></html>").ToString(), null);

        Assert.Contains("The council met on Tuesday", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SpentBudget_ThrowsPageTooComplex()
    {
        var extractor = new ArticleExtractor(new ExtractionOptions { TimeBudget = TimeSpan.Zero, TimeBudgetPerMegabyte = TimeSpan.Zero });

        Assert.Throws<PageTooComplexException>(() => extractor.Extract(Build("siblings-small"), null));
    }

    [Fact]
    public void Extract_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _extractor.Extract("<p>x</p>", null, cts.Token));
    }

    [Fact]
    public void Extract_ManySiblingsWithinLimits_ReadsThem()
    {
        var article = _generous.Extract(Build("siblings-small"), null);

        Assert.Contains("The council met on Tuesday", article.Text, StringComparison.Ordinal);
    }

    private object ExtractOrTooComplex(string html)
    {
        try
        {
            return _extractor.Extract(html, new Uri("https://example.test/news/a"));
        }
        catch (PageTooComplexException ex)
        {
            return ex;
        }
    }

    private static string Prose(int sentences) =>
        string.Concat(Enumerable.Repeat("The council met on Tuesday, and the budget passed after a long debate. ", sentences));

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    internal static string Build(string shape)
    {
        var body = shape switch
        {
            "deep-div" => Repeat("<div>", 100_000) + "text" + Repeat("</div>", 100_000),
            "unclosed-i" => Repeat("<i>", 1_000_000) + "text",
            "misnested-b-i" => Repeat("<b><i>x</b>y</i>", 45_000),
            "misnested-b-p" => string.Concat(Enumerable.Range(0, 40_000).Select(k => $"<b class=c{k}><p>x</b>")),
            "misnested-a-div" => string.Concat(Enumerable.Range(0, 40_000).Select(k => $"<a href=/{k}><div>x</a>")),
            "misnested-font-b" => "<p>" + string.Concat(Enumerable.Range(0, 30_000).Select(k => $"<font size={k % 7}><b>y</font>z</b>")),
            "siblings" => Repeat("<p>x", 1_000_000),
            "siblings-small" => "<article>" + Repeat("<p>The council met on Tuesday, and so on.</p>", 20_000) + "</article>",
            "long-meta-property" => "<p>" + Prose(3) + "</p>",
            "long-meta-content" => "<p>" + Prose(3) + "</p>",
            "long-class" => "<div class=\"" + Repeat("ab-", 1_400_000) + "\"><p>" + Prose(5) + "</p></div>",
            "camel-class" => "<div class=\"" + Repeat("aB", 1_000_000) + "\" id=\"" + Repeat("x ", 500_000) + "\"><p>" + Prose(5) + "</p></div>",
            "big-text" => "<p>" + Repeat("word ", 4_000_000) + "</p>",
            "nul-and-surrogates" => "<p>" + Repeat("a\0b\uD800c\uDC00\u00AD ", 100_000) + "</p>",
            "deep-inline-under-block" => Repeat("<span><div>", 50_000) + "x",
            "deep-table" => Repeat("<table><tr><td>", 30_000) + "x",
            "deep-svg" => "<svg>" + Repeat("<g>", 100_000) + "</svg>",
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
        var head = shape switch
        {
            "long-meta-property" => "<meta property=\"" + Repeat("ab-", 240_000) + "\" content=\"x\"><meta property=\"og:title\" content=\"" + Repeat("a - ", 200_000) + "\">",
            "long-meta-content" => "<meta property=\"article:published_time\" content=\"" + Repeat("2020-01-01 ", 70_000) + "\"><title>" + Repeat("a | ", 200_000) + "</title>",
            _ => string.Empty,
        };
        return "<html><head>" + head + "</head><body>" + body + "</body></html>";
    }
}

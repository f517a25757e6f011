using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

/// <summary>Properties of the extractor over generated markup: it never throws anything but <see cref="PageTooComplexException"/>, and its text is NFC without soft hyphens.</summary>
public sealed class ArticleExtractorPropertyTests
{
    private static readonly ArticleExtractor Extractor = new();

    private static readonly string[] Pieces =
    [
        "<div>", "</div>", "<p>", "</p>", "<span class=byline>", "</span>", "<i>", "</i>", "<b>", "</b>", "<a href=/x>", "</a>",
        "<br>", "<ruby>", "<rt>", "</rt>", "</ruby>", "<noscript>", "</noscript>", "<script>", "</script>", "<table><tr><td>",
        "</td></tr></table>", "<ul><li>", "</li></ul>", "<article>", "</article>", "<nav>", "</nav>", "<!--", "-->", "<![CDATA[",
        "<meta property=og:title content='T\u00AD'>", "<time datetime=0001-01-01>", "<svg><g/>", "</svg>", "<h1>", "</h1>",
        "Stra\u00ADße ", "Cafe\u0301 ", "zero\u200Bwidth ", "\0", "\uD800", "\uDC00", "&amp; ", "&#0; ", "&shy;", "<", ">", "\"", "'",
        "The council met on Tuesday, and the budget passed after a long debate. ", "東京で会議が開かれた。", "Порт снова открыт. ",
    ];

    [Fact]
    public void Extract_GeneratedMarkup_ReturnsCleanTextOrTooComplex()
    {
        var html = Gen.Elements(Pieces).ArrayOf().Select(p => string.Concat(p));
        Prop.ForAll(html.ToArbitrary(), Holds).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Extract_ArbitraryStrings_ReturnsCleanTextOrTooComplex()
    {
        Prop.ForAll<string>(s => Holds(s ?? string.Empty)).QuickCheckThrowOnFailure();
    }

    private static bool Holds(string html)
    {
        try
        {
            var article = Extractor.Extract(html, null);
            return article.Text.IsNormalized(NormalizationForm.FormC)
                && !article.Text.Contains('\u00AD', StringComparison.Ordinal)
                && !article.Text.Contains('\0', StringComparison.Ordinal)
                && (article.Title is null || !article.Title.Contains('\u00AD', StringComparison.Ordinal));
        }
        catch (PageTooComplexException)
        {
            return true;
        }
    }
}

using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class StructuredBodyTests
{
    private const string Step1 = "Measure the table from edge to edge and add twice the drop you want on every side of it. ";
    private const string Step2 = "Fold the fabric in half twice, mark the radius with a tape measure and cut along the curved line. ";
    private const string Step3 = "Hem the edge with a narrow double fold, press it flat with a hot iron and sew it in place slowly. ";

    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    private static string HowTo(string body) =>
        "<html><head><title>Sew a round tablecloth</title><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"HowTo\","
        + "\"name\":\"Sew a round tablecloth\",\"description\":\"<p>A round tablecloth is made in an afternoon with a few tools &amp; some fabric.</p>\","
        + $"\"step\":[{{\"@type\":\"HowToSection\",\"name\":\"Measure\",\"itemListElement\":{{\"@type\":\"HowToDirection\",\"text\":\"<p>{Step1}{Step1}</p>\"}}}},"
        + $"{{\"@type\":\"HowToStep\",\"text\":\"<p>{Step2}{Step2}</p>\"}},{{\"@type\":\"HowToStep\",\"text\":\"{Step3}{Step3}\"}}]}}</script></head>"
        + $"<body><h1>Sew a round tablecloth</h1>{body}</body></html>";

    [Fact]
    public void Extract_HowToOnlyInJsonLd_StepsAreTheText()
    {
        var article = _extractor.Extract(HowTo("<div class=notice><p>Your browser is out of date.</p></div>"), null);

        Assert.Contains("A round tablecloth is made in an afternoon with a few tools & some fabric.", article.Text, StringComparison.Ordinal);
        Assert.Contains("Fold the fabric in half twice", article.Text, StringComparison.Ordinal);
        Assert.Contains("Hem the edge", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_HowToAlsoInBody_BodyStandsAlone()
    {
        var body = $"<article><p>A round tablecloth is made in an afternoon.</p><p>{Step1}{Step1}</p><p>{Step2}{Step2}</p><p>{Step3}{Step3}</p></article>";

        var article = _extractor.Extract(HowTo(body), null);

        Assert.Contains("Hem the edge with", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("few tools", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RecipeIngredientsAndStepsMissedByBody_AreAppended()
    {
        const string Prose = "This cake was my grandmother's favourite, and every summer she baked it for the whole family on the terrace. ";
        var html = "<html><head><script type=\"application/ld+json\">[{\"@type\":\"WebSite\",\"name\":\"Cakes\"},{\"@type\":[\"Recipe\"],\"name\":\"Mandarin cake\","
            + "\"recipeIngredient\":[\"250 g flour\",\"125 g butter\",\"2 tins of mandarins\"],\"recipeInstructions\":["
            + $"{{\"@type\":\"HowToStep\",\"text\":\"{Step1}{Step2}\"}},{{\"@type\":\"HowToStep\",\"text\":\"{Step3}{Step1}{Step2}{Step3}\"}},\"Bake for an hour at 180 degrees until golden.\"]}}]</script></head>"
            + $"<body><article><h1>Mandarin cake</h1><p>{Prose}{Prose}{Prose}{Prose}</p><p>{Prose}{Prose}{Prose}{Prose}</p></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith("This cake was", article.Text, StringComparison.Ordinal);
        Assert.Contains("250 g flour\n125 g butter", article.Text, StringComparison.Ordinal);
        Assert.Contains("Bake for an hour", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ShortHowTo_IsNotUsed()
    {
        var html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"HowTo\",\"step\":[\"Cut it.\",\"Sew it.\"]}</script></head>"
            + "<body><p>Your browser is out of date.</p></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("Sew it.", article.Text, StringComparison.Ordinal);
    }
}

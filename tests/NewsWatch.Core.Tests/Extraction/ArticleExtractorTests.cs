using System.Globalization;
using System.Text;
using System.Text.Json;
using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

public sealed class ArticleExtractorTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "TestData", "Extraction");

    // A budget no loaded test machine runs out of: these tests are about the text, not the limits.
    private readonly ArticleExtractor _extractor = new(new ExtractionOptions { TimeBudget = TimeSpan.FromMinutes(1) });

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(FixtureDir, "*.html").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Extract_Fixture_TextMatchesGoldenFile(string name)
    {
        var (article, _) = ExtractFixture(name);

        var expected = File.ReadAllText(Path.Combine(FixtureDir, name + ".expected.txt")).ReplaceLineEndings("\n").Trim();
        Assert.Equal(expected, article.Text);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Extract_Fixture_MetadataMatchesGoldenFile(string name)
    {
        var (article, expected) = ExtractFixture(name);

        Assert.Equal(Optional(expected, "title"), article.Title);
        Assert.Equal(Optional(expected, "url"), article.Url?.AbsoluteUri);
        Assert.Equal(Optional(expected, "language"), article.Language);
        var published = Optional(expected, "publishedAt");
        Assert.Equal(published is null ? null : DateTimeOffset.Parse(published, CultureInfo.InvariantCulture), article.PublishedAt);
        Assert.Equal(TimeSpan.Zero, article.PublishedAt?.Offset ?? TimeSpan.Zero);
    }

    [Fact]
    public void Extract_PageFurniture_IsDropped()
    {
        var (article, _) = ExtractFixture("harbour-strike");

        foreach (var furniture in new[]
                 {
                     "cookies", "Business Reporter", "Most read", "Ferry timetable", "Sign up", "All rights reserved",
                     "Port expansion", "Advertisement", "Share", "Strikes", "Weather",
                 })
        {
            Assert.DoesNotContain(furniture, article.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Extract_PhraseSplitAcrossInlineTags_StaysIntact()
    {
        var (article, _) = ExtractFixture("harbour-strike");

        Assert.Contains("kept boots on the ground at every berth", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DropCapSpan_JoinsItsWord()
    {
        var (article, _) = ExtractFixture("harbour-strike");

        Assert.StartsWith("Harbour workers voted", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Headline_IsNotInText()
    {
        var (article, _) = ExtractFixture("harbour-strike");

        Assert.Equal("Dockers end harbour strike after pay deal", article.Title);
        Assert.DoesNotContain("Dockers end harbour strike", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Figcaption_IsDropped()
    {
        var (article, _) = ExtractFixture("harbour-strike");

        Assert.DoesNotContain("Cranes stood idle", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_CanonicalToHomePage_IsIgnored()
    {
        var (article, expected) = ExtractFixture("council-budget");

        Assert.Equal(new Uri(Optional(expected, "pageUrl")!), article.Url);
    }

    [Fact]
    public void Extract_CanonicalToAnotherHost_IsIgnored()
    {
        var (article, _) = ExtractFixture("museum-reopens");

        Assert.Equal("nordkurier.example", article.Url?.Host);
    }

    [Fact]
    public void Extract_JsonLdGraphDatePublished_IsReadInUtc()
    {
        var (article, _) = ExtractFixture("council-budget");

        Assert.Equal(new DateTimeOffset(2023, 11, 20, 23, 5, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void Extract_NoDateMeta_FallsBackToTimeElement()
    {
        var (article, _) = ExtractFixture("museum-reopens");

        Assert.Equal(new DateTimeOffset(2022, 6, 1, 9, 15, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Theory]
    [InlineData("<html lang=\"en-US\"><body><p>x</p></body></html>", "en")]
    [InlineData("<html lang=\"PT_br\"><body><p>x</p></body></html>", "pt")]
    [InlineData("<html><head><meta http-equiv=\"Content-Language\" content=\"ja-JP\"></head><body></body></html>", "ja")]
    [InlineData("<html><head><meta property=\"og:locale\" content=\"ko_KR\"></head><body></body></html>", "ko")]
    [InlineData("<html><body><p>no language</p></body></html>", null)]
    public void Extract_Language_IsPrimaryTagLowerCase(string html, string? expected)
    {
        Assert.Equal(expected, _extractor.Extract(html, null).Language);
    }

    [Fact]
    public void Extract_NoUsableCanonicalAndNoPageUrl_UrlIsNull()
    {
        var article = _extractor.Extract("<html><head><link rel=canonical href=\"/\"></head><body><p>Text.</p></body></html>", null);

        Assert.Null(article.Url);
    }

    [Fact]
    public void Extract_CanonicalToHomePage_FallsBackToOgUrl()
    {
        const string html = "<html><head><link rel=\"canonical\" href=\"https://news.example/\">"
            + "<meta property=\"og:url\" content=\"https://news.example/2024/05/story\"></head><body><p>Text.</p></body></html>";

        var article = _extractor.Extract(html, new Uri("https://news.example/2024/05/story?ref=home"));

        Assert.Equal(new Uri("https://news.example/2024/05/story"), article.Url);
    }

    [Fact]
    public void Extract_OgTitleEndingWithSiteName_LosesTheSuffix()
    {
        const string html = "<html><head><meta property=\"og:site_name\" content=\"MoreWheels\">"
            + "<meta property=\"og:title\" content=\"Touring bike review: a week on the coast | MoreWheels\"></head><body></body></html>";

        Assert.Equal("Touring bike review: a week on the coast", _extractor.Extract(html, null).Title);
    }

    [Fact]
    public void Extract_TitleFallback_StripsSiteNameSuffix()
    {
        var article = _extractor.Extract("<html><head><title>Storm closes mountain pass - Alpine Herald</title></head><body></body></html>", null);

        Assert.Equal("Storm closes mountain pass", article.Title);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<<<>>> not html at all &&&")]
    [InlineData("<html><head><title>Only a head</title></head></html>")]
    [InlineData("<body><div><div><span>")]
    [InlineData("<script>var a = '<p>never text</p>';</script>")]
    public void Extract_OddInput_DoesNotThrowAndHasNoFurniture(string html)
    {
        var article = _extractor.Extract(html, new Uri("https://example.com/a"));

        Assert.NotNull(article.Text);
        Assert.DoesNotContain("never text", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DoubleLineBreaks_SeparateParagraphs()
    {
        const string html = "<html><body><div class=\"entry-content\">First paragraph, with a comma, long enough to count as prose here.<br><br>"
            + "Second paragraph, also with a comma, and a line<br>broken once.</div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Equal(
            "First paragraph, with a comma, long enough to count as prose here.\n\nSecond paragraph, also with a comma, and a line\nbroken once.",
            article.Text);
    }

    [Fact]
    public void Extract_DeeplyNestedPageWithRaisedDepthLimit_DoesNotThrow()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 5000; i++)
        {
            html.Append("<div>");
        }

        html.Append("<p>Deep, deep text that a reader would still want, with a comma or two, and a full stop.</p>");
        var extractor = new ArticleExtractor(new ExtractionOptions { MaxDepth = 6000, TimeBudget = TimeSpan.FromMinutes(5) });
        var article = extractor.Extract(html.ToString(), null);

        Assert.Contains("Deep, deep text", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DeeplyNestedPage_IsTooComplex()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 5000)) + "<p>Deep text.</p>";

        Assert.Throws<PageTooComplexException>(() => _extractor.Extract(html, null));
    }

    [Fact]
    public void Extract_IsSafeToCallInParallel()
    {
        var html = File.ReadAllText(Path.Combine(FixtureDir, "harbour-strike.html"));
        var first = _extractor.Extract(html, null).Text;

        var texts = Enumerable.Range(0, 16).AsParallel().Select(_ => _extractor.Extract(html, null).Text).ToList();

        Assert.All(texts, t => Assert.Equal(first, t));
    }

    private (Article Article, JsonElement Expected) ExtractFixture(string name)
    {
        var html = File.ReadAllText(Path.Combine(FixtureDir, name + ".html"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixtureDir, name + ".expected.json")));
        var expected = json.RootElement.Clone();
        var pageUrl = Optional(expected, "pageUrl") is { } u ? new Uri(u) : null;
        return (_extractor.Extract(html, pageUrl), expected);
    }

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

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

    [Fact]
    public void Extract_BodyThatIsMostlyLists_BeatsSidebarOfProse()
    {
        var steps = string.Concat(Enumerable.Range(0, 8).Select(i =>
            $"<li>Step {i}: mix the flour with the butter and the sugar, then knead the dough, slowly, until it is smooth.</li>"));
        var ingredients = string.Concat(new[] { "200 g flour", "100 g butter", "50 g sugar", "1 pinch of salt" }.Select(i => $"<li>{i}</li>"));
        var sidebar = string.Concat(Enumerable.Range(0, 3).Select(i =>
            $"<div><p>Box {i}: our weekly letter brings you the best of the week, every Friday, free of charge.</p></div>"));
        var html = $"<html><body><div><div><h1>Shortbread</h1><p>A simple one.</p><h2>Ingredients</h2><ul>{ingredients}</ul>"
            + $"<h2>Preparation</h2><ol>{steps}</ol></div><div>{sidebar}</div></div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("200 g flour", article.Text, StringComparison.Ordinal);
        Assert.Contains("Step 0: mix", article.Text, StringComparison.Ordinal);
        Assert.Contains("Step 7: mix", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_BodyClassOnInlineLink_IsNotTheBody()
    {
        var html = "<html><body><div class=nav-links><a class=RichTextIntLink href=/x>Back to the list of notices</a></div>"
            + $"<div><div><p>{Prose}{Other}</p><p>{Other}{Prose}</p><p>{Prose}</p></div></div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Back to the list", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeadParagraphAboveBodyContainer_IsJoinedWithoutPageSummary()
    {
        const string Lead = "The harbour council decided on Tuesday evening, after a long debate, that the old ferry pier will be rebuilt in stone before next summer.";
        var html = $"<html><body><article><h1>Pier rebuilt</h1><div class=intro><p>{Lead}</p></div><p class=byline>By Jane Doe</p>"
            + $"<div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Lead, article.Text, StringComparison.Ordinal);
        Assert.Contains("Engineers inspected", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div class=intro><p>The old pier will be rebuilt in stone.</p></div>")]
    [InlineData("<div><a href=/a>The harbour council decided on Tuesday evening that the old ferry pier</a> <a href=/b>will be rebuilt in stone before the summer season begins next year.</a></div>")]
    [InlineData("<div><h2>More news</h2><p>The harbour council decided on Tuesday evening, after a long debate, that the old ferry pier will be rebuilt in stone before next summer.</p></div>")]
    public void Extract_SubtitleLinksOrHeadedBlockAboveBody_IsNotJoined(string above)
    {
        var html = $"<html><body><article><h1>Pier rebuilt</h1>{above}"
            + $"<div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith("Engineers inspected", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a href=\"https://www.example.org/petition\">https://www.example.org/petition</a>")]
    [InlineData("<a href=\"mailto:press@example.org\">press@example.org</a>")]
    public void Extract_ParagraphThatIsOneWrittenOutAddress_IsKept(string link)
    {
        var html = $"<html><body><article><div class=entry-content><p>{Prose}{Other}</p><p>{link}</p><p>{Other}{Prose}</p>"
            + "<p><a href=/other>Another story from the harbour</a></p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains(link.Contains("mailto", StringComparison.Ordinal) ? "press@example.org" : "https://www.example.org/petition", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another story from the harbour", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_LeadInArticleHeaderWithHeadline_IsJoined()
    {
        const string Lead = "The harbour council decided on Tuesday evening, after a long debate, that the old ferry pier will be rebuilt in stone before next summer.";
        var html = $"<html><body><article><div class=intro><h1>Pier rebuilt</h1><p class=date>May 1</p><div class=standfirst><p>{Lead}</p></div></div>"
            + $"<div class=article-body><p>{Prose}{Prose}</p><p>{Other}{Other}</p><p>{Prose}{Other}</p></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.StartsWith(Lead, article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pier rebuilt", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MarkedParagraphsWithSubheadings_SubheadingsKeptWhenMarkerAlsoUsedElsewhere()
    {
        var html = "<html><body><div class=page><div class=text-wrap>"
            + $"<p class=bodytext>{Prose}{Other}</p><h4>Rates vary widely</h4><p class=bodytext>{Other}{Prose}</p>"
            + $"<p class=bodytext>{Prose}{Prose}</p><h4>Small but central</h4><p class=bodytext>{Other}{Other}</p></div>"
            + "<div class=media><p class=bodytext>Picture: the harbour in May</p></div></div></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Rates vary widely", article.Text, StringComparison.Ordinal);
        Assert.Contains("Small but central", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SubheadingWithIdMadeFromItsWords_IsKept()
    {
        // A table-of-contents anchor ("nav_only_the_foil_remains__1") is no navigation box.
        var html = $"<html><body><article><div class=article-content><p>{Prose}{Other}</p>"
            + $"<h3 class=subheading id=nav_only_the_foil_remains__1>Only the foil remains</h3><p>{Other}{Prose}</p><p>{Prose}</p>"
            + "<h3 id=nav-box>Menu</h3></div></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains("Only the foil remains", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Menu", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_SidebarAsideHoldingMostOfTheRegion_IsDropped()
    {
        // A short article beside a long <aside> in a region chosen around both: the aside is furniture by its tag.
        const string Promo = "The Harbour Gazette was a weekly paper about ships, ferries, and the people who work on them, and it is now read online. ";
        var html = $"<html><body><div id=wrap><div id=story><p>{Prose}</p><p>{Other}</p></div>"
            + $"<aside><div><p>{Promo}{Promo}</p></div><div><p>{Promo}{Promo}</p></div></aside></div></body></html>";
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        using var budget = ExtractionBudget.Unlimited();
        var page = PageModel.Build(doc.Body!, budget);

        var text = RegionPruner.Text(page, [doc.GetElementById("wrap")!], []);

        Assert.Contains("Engineers inspected", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour Gazette", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_AsideHoldingNearlyAllOfTheRegion_IsKept()
    {
        // Little besides the aside: the region is the aside's text or nothing, so it stays.
        var html = $"<html><body><div id=wrap><p>Intro.</p><aside><p>{Prose}{Other}</p><p>{Other}{Prose}</p></aside></div></body></html>";
        using var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        using var budget = ExtractionBudget.Unlimited();
        var page = PageModel.Build(doc.Body!, budget);

        var text = RegionPruner.Text(page, [doc.GetElementById("wrap")!], []);

        Assert.Contains("Engineers inspected", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>From our archive: <a href=/other>Harbour works delayed again by the winter storms</a></p>")]
    [InlineData("<blockquote><b>LEA TAMBIÉN: </b><a href='/x/y'>¿Qué pasa con el muelle del puerto viejo?</a></blockquote>")]
    [InlineData("<p><em>Ehemaliger Hafenmeister: <a href=/interview>Der Kai ist noch zu retten</a></em></p>")]
    public void Extract_LabelledLinkToOtherArticleBetweenParagraphs_IsDropped(string pointer)
    {
        var html = $"<html><body><article><p>{Prose}{Other}</p><p>{Other}{Prose}</p>{pointer}<p>{Prose}</p><p>{Other}</p></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.DoesNotContain("<", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(":", article.Text, StringComparison.Ordinal);
        Assert.Contains(Prose.Trim(), article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>More information: <a href=https://www.harbour-example.org>www.harbour-example.org</a></p>", "More information")]
    [InlineData("<p>The report is online. Read it: <a href=/report>Harbour piles inspection report</a></p>", "Read it")]
    [InlineData("<p>Documents: <a href=/a>city council report</a> and <a href=/b>port authority notes</a></p>", "Documents")]
    [InlineData("<p>Contents: <a href=#part2>Second part of the harbour inspection</a></p>", "Contents")]
    public void Extract_LabelledAddressSentenceOrSeveralLinks_IsKept(string paragraph, string expected)
    {
        var html = $"<html><body><article><p>{Prose}{Other}</p><p>{Other}{Prose}</p>{paragraph}<p>{Prose}</p><p>{Other}</p></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains(expected, article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div class=box><h3><a href=/other/story>Harbour works delayed again by the storms</a></h3><p>The quay stays closed until spring, the city says. <a href=/other/story>more</a></p></div>")]
    [InlineData("<x-inline-teaser><x-link href=/faq><h3>Questions about the harbour works answered</h3></x-link><div><p>Find answers to your questions about the works.</p></div></x-inline-teaser>")]
    [InlineData("<div class=breaker><img src=cover.jpg><div><p>PUBLISHED IN</p><h5>Harbour special 2021</h5><a href=/magazine/special>Go to the magazine</a></div></div>")]
    [InlineData("<div class=box><picture><img src=cover.jpg></picture> Read all about the harbour in our February issue. <a href=/shop/issue-2>Order the issue here without postage.</a></div>")]
    public void Extract_TeaserCardBetweenParagraphs_IsDropped(string card)
    {
        var html = $"<html><body><article><p>{Prose}{Other}</p><p>{Other}{Prose}</p>{card}<p>{Prose}</p><p>{Other}</p></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains(Prose.Trim(), article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("arbour works delayed", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("magazine", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("issue", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div class=box><h3><a href=/news>Harbour</a></h3><p>The quay stays closed until spring, the city says.</p></div>", "The quay stays closed")]
    [InlineData("<div class=box><h3>Harbour works delayed again by the storms</h3><p>The quay stays closed until spring, the city says.</p></div>", "The quay stays closed")]
    [InlineData("<div class=box><img src=a.jpg><p>The quay stays closed until spring. Photo: <a href=/credits>City archive</a></p></div>", "The quay stays closed")]
    [InlineData("<div class=box><h3>Harbour works delayed again</h3><p>The quay stays closed until spring, the city says <a href=/council>in a statement</a></p></div>", "The quay stays closed")]
    [InlineData("<div class=box><h3><a href=#part2>Harbour works delayed again by the storms</a></h3><p>The quay stays closed until spring, the city says.</p></div>", "The quay stays closed")]
    public void Extract_BoxWithKickerUnlinkedHeadingOrCredit_IsKept(string box, string expected)
    {
        var html = $"<html><body><article><p>{Prose}{Other}</p><p>{Other}{Prose}</p>{box}<p>{Prose}</p><p>{Other}</p></article></body></html>";

        var article = _extractor.Extract(html, null);

        Assert.Contains(expected, article.Text, StringComparison.Ordinal);
    }
}

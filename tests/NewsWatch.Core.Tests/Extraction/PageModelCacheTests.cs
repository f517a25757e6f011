using NewsWatch.Core.Extraction;

namespace NewsWatch.Core.Tests.Extraction;

/// <summary>
/// The page model keeps its class-name verdicts from page to page on a thread: a page's result must not depend on
/// the pages extracted before it on that thread.
/// </summary>
public sealed class PageModelCacheTests
{
    private const string SiteA = """
        <html><body><div class="wrap"><div class="meta">Updated 5 minutes ago</div><div class="label">Politics</div>
        <div class="story-body"><p>The council approved the new harbour plan on Tuesday after a debate that lasted most of the day and night.</p>
        <p>Work on the breakwater starts in the spring, the mayor said, and should be finished within two years of the vote.</p></div>
        <div class="related"><a href="/1">Related: ferries resume</a></div></div></body></html>
        """;

    // The same class names on elements of other sizes: "label" is furniture on a small element (a topic label), not
    // on a long one, so a verdict carried over from the other page without its size would drop a paragraph here.
    private static readonly string SiteB = $"""
        <html><body><article><div class="article-content"><p>Ferry services across the harbour resumed on Tuesday morning after three days of cancellations caused by the storm.</p>
        <div class="label">{string.Concat(Enumerable.Repeat("The operator said that all routes would run to the normal timetable by the weekend, with extra sailings. ", 5))}</div>
        <p>Passengers were asked to check the timetable before travelling, the port authority said in a statement on its website.</p>
        {string.Concat(Enumerable.Range(0, 8).Select(i => $"<p>Paragraph {i} of the ferry story goes on with more detail about routes, crews, fares and the storm that stopped them.</p>"))}
        </div></article><div class="related"><a href="/2">Most read</a></div></body></html>
        """;

    [Fact]
    public async Task Extract_AfterPagesWithTheSameClassNames_GivesTheSameResultAsOnAFreshThread()
    {
        var extractor = new ArticleExtractor();
        var freshA = await OnNewThread(() => extractor.Extract(SiteA, null).Text);
        var freshB = await OnNewThread(() => extractor.Extract(SiteB, null).Text);

        var inTurn = await OnNewThread(() =>
        {
            var texts = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                texts.Add(extractor.Extract(SiteA, null).Text);
                texts.Add(extractor.Extract(SiteB, null).Text);
            }

            return texts;
        });

        Assert.NotEmpty(freshA);
        Assert.Contains("The operator said", freshB, StringComparison.Ordinal);
        Assert.All(inTurn.Where((_, i) => i % 2 == 0), t => Assert.Equal(freshA, t));
        Assert.All(inTurn.Where((_, i) => i % 2 == 1), t => Assert.Equal(freshB, t));
    }

    [Fact]
    public async Task Extract_ThousandsOfDistinctClassNames_StillJudgesTheBodyAfterTheCacheIsEmptied()
    {
        var extractor = new ArticleExtractor();
        var noise = string.Concat(Enumerable.Range(0, 6000).Select(i => $"<span class=\"c{i} share-{i}\">x</span>"));
        var page = $"<html><body><div class=\"share-tools\">{noise}</div>{SiteA[(SiteA.IndexOf("<div class=\"wrap\">", StringComparison.Ordinal))..]}";

        var texts = await OnNewThread(() => new[] { extractor.Extract(page, null).Text, extractor.Extract(page, null).Text, extractor.Extract(SiteA, null).Text });

        Assert.Contains("breakwater", texts[0], StringComparison.Ordinal);
        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(await OnNewThread(() => extractor.Extract(SiteA, null).Text), texts[2]);
    }

    private static Task<T> OnNewThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}

namespace NewsWatch.Core.Extraction;

/// <summary>What <see cref="PageClassifier"/> decided about one page.</summary>
/// <param name="Type">Article, live blog or other.</param>
/// <param name="Reasons">The signals that counted, with their weights, and the decision.</param>
/// <param name="Entries">A live blog's entries; empty otherwise.</param>
/// <param name="CoverageEndTime">A live blog's JSON-LD coverageEndTime, or null.</param>
internal sealed record PageClassifierResult(PageType Type, IReadOnlyList<string> Reasons, IReadOnlyList<LiveBlogEntry> Entries, DateTimeOffset? CoverageEndTime)
{
    /// <summary>The article with this result's page type, reasons and entries.</summary>
    public Article ApplyTo(Article article) => article with
    {
        PageType = Type,
        PageTypeReasons = Reasons,
        Entries = Entries,
        CoverageEndTime = CoverageEndTime,
    };
}

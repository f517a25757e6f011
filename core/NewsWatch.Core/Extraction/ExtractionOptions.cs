namespace NewsWatch.Core.Extraction;

/// <summary>Bounds on what one page may cost the extractor; a page beyond them gives <see cref="PageTooComplexException"/>.</summary>
public sealed class ExtractionOptions
{
    /// <summary>The time every page gets, whatever its size (default 2 s).</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The time added per megabyte (million characters) of page (default 1 s).</summary>
    public TimeSpan TimeBudgetPerMegabyte { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The deepest element nesting accepted, as a cheap scan of the markup estimates it before parsing
    /// (default 400; real pages stay under 100). Deep nesting makes HTML tree building quadratic.
    /// </summary>
    public int MaxDepth { get; init; } = 400;

    /// <summary>The most elements accepted on one page (default 250,000; a large real page has about 20,000).</summary>
    public int MaxElements { get; init; } = 250_000;

    /// <summary>The most end tags that close formatting elements out of order (default 20,000); each costs the tree builder a repair.</summary>
    public int MaxMisnestedTags { get; init; } = 20_000;

    /// <summary>The time budget for a page of <paramref name="characters"/> characters.</summary>
    public TimeSpan BudgetFor(int characters) => TimeBudget + TimeBudgetPerMegabyte * (characters / 1_000_000.0);
}

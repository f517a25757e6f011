using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Checks the first method's body against the page's own summary (<see cref="PageEvidence"/>) and chooses again
/// when it fails. The stated rule:
/// <list type="number">
/// <item>A body holding at least <see cref="Pass"/> of the summary's words and of its word pairs passes and stands.</item>
/// <item>Otherwise the element holding the summary (the anchor) is found. An anchor inside the body that pruning
/// dropped is kept when that adds a sixth of the summary's word pairs near the start of the text.</item>
/// <item>When the body holds under <see cref="Fail"/> of the summary's words (a wrong region: a teaser grid, a footer,
/// a contact box), the region is chosen again around the anchor (its ancestors while they are prose) and wins if it
/// holds <see cref="Pass"/> of the summary's words and is at least half as long, or the first region was mostly links.
/// Failing that, or without an anchor, the independent paragraph method runs, and its text wins if it holds half of
/// the summary's words, a quarter more than the first text, and is at least half as long.</item>
/// <item>Otherwise (a body that is right but misses its lead), an anchor of at least 100 characters above the body
/// container is joined to it when that adds a sixth of the summary's word pairs.</item>
/// </list>
/// </summary>
internal static class EvidenceCheck
{
    /// <summary>Share of the summary's words a body must hold to pass.</summary>
    public const double Pass = 0.6;

    /// <summary>Below this share the body is taken for a wrong region.</summary>
    public const double Fail = 0.3;

    private const int LongBody = 250;

    /// <summary>
    /// A lead is a paragraph; a single line under the headline (a "dek", under 100 non-space characters) is a
    /// subtitle, which news extraction conventions leave out of the body.
    /// </summary>
    private const int MinLead = 100;

    /// <summary>The body text after the check: the first method's text, or a better one.</summary>
    public static string Apply(PageModel page, List<IElement> region, string text, PageEvidence evidence, IReadOnlyCollection<string> headlines)
    {
        var coverage = evidence.Coverage(PageEvidence.WordsOf(text));
        var pairs = evidence.PairCoverage(PageEvidence.PairsOf(text));
        if (coverage >= Pass && pairs >= Pass)
        {
            return text;
        }

        var anchor = evidence.FindAnchor(page);
        if (anchor is null)
        {
            return coverage < Fail ? SecondMethod(page, text, coverage, evidence, headlines) : text;
        }

        // The summary's element is inside the body but was pruned (a lead styled as a teaser): keep it.
        if (region.Any(r => r.Contains(anchor)))
        {
            var kept = RegionPruner.Text(page, region, headlines, anchor);
            return Better(evidence, kept, pairs) && FirstDifference(text, kept) < 0.25 * kept.Length ? kept : text;
        }

        if (page.IsInFurnitureOutsideArticleHeader(anchor))
        {
            return text;
        }

        if (coverage < Fail)
        {
            // A wrong region: choose again around the summary's element.
            var grown = Grow(page, anchor);
            var again = RegionPruner.Text(page, [grown], headlines, anchor);

            // Much shorter text replaces the first method's only when the first chose links (a teaser grid).
            var links = region.Sum(r => page.Stats(r).LinkLength) / (double)Math.Max(1, region.Sum(page.TextLength));
            return evidence.Coverage(PageEvidence.WordsOf(again)) >= Pass && (again.Length >= text.Length / 2 || links >= 0.25) ? again : SecondMethod(page, text, coverage, evidence, headlines);
        }

        // A lead paragraph above the body container: join it. (After the body, the element matching the page's
        // summary is an author bio far more often than a lead.)
        if (text.Length >= LongBody && page.TextLength(anchor) >= MinLead && region.Count > 0 && page.Order(anchor) < page.Order(region[0]) && !anchor.Contains(region[0]))
        {
            var joined = RegionPruner.Text(page, [anchor, .. region], headlines);
            return Better(evidence, joined, pairs) ? joined : text;
        }

        return text;
    }

    /// <summary>
    /// The independent second method (<see cref="ParagraphFallback"/>) for a body that failed the check: its text
    /// replaces the first method's when it holds at least half of the summary's words, a quarter more of them than the
    /// first method's text, and at least half as much text.
    /// </summary>
    private static string SecondMethod(PageModel page, string text, double coverage, PageEvidence evidence, IReadOnlyCollection<string> headlines)
    {
        var blocks = ParagraphFallback.Blocks(page);
        if (blocks.Count == 0)
        {
            return text;
        }

        var fallback = RegionPruner.Text(page, blocks, headlines);
        var fallbackCoverage = evidence.Coverage(PageEvidence.WordsOf(fallback));
        return fallbackCoverage >= Math.Max(0.5, coverage + 0.25) && fallback.Length >= text.Length / 2 ? fallback : text;
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static bool Better(PageEvidence evidence, string candidate, double pairs) =>
        evidence.PairCoverage(PageEvidence.PairsOf(candidate)) >= pairs + 0.15;

    /// <summary>
    /// The body around the anchor: its ancestors up to the last one that is still prose (few links, not furniture)
    /// and not the page itself.
    /// </summary>
    private static IElement Grow(PageModel page, IElement anchor)
    {
        var top = anchor;
        for (var a = anchor.ParentElement; a is not null && a != page.Root; a = a.ParentElement)
        {
            if (page.Stats(a).LinkDensity > 0.35 || page.IsInFurnitureOutsideArticleHeader(a))
            {
                break;
            }

            top = a;
        }

        return top;
    }
}

using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Finds the element(s) holding the article body: explicit body markers first, in priority order, then
/// Readability-style scoring of paragraph containers.
/// </summary>
internal static partial class ContentFinder
{
    private const int PlausibleLength = 1000;
    private const int MaxMatches = 300;

    /// <summary>A list with more link text than this is navigation or teasers, never a body part that is scored.</summary>
    private const double MaxListLinkDensity = 0.3;

    /// <summary>The body region as one or more elements in document order.</summary>
    public static List<IElement> Find(PageModel page)
    {
        var marked = FindByMarkers(page);
        var scored = FindByScore(page);
        if (marked is null)
        {
            return scored;
        }

        var markedLength = marked.Sum(page.TextLength);
        var scoredLength = scored.Sum(page.TextLength);

        // A marker that holds far less text than the best scored block is probably a teaser or a fragment.
        var related = scored.Any(s => marked.Any(m => m.Contains(s) || s.Contains(m)));
        if (markedLength < PlausibleLength && scoredLength > 2 * markedLength && !related)
        {
            return scored;
        }

        // The scored block inside the marked one, holding nearly all of its text: the marker's extra is furniture.
        var inside = scored.All(s => marked.Any(m => m.Contains(s)));
        if (inside && scoredLength >= 0.9 * markedLength && scoredLength < markedLength)
        {
            return scored;
        }

        return marked;
    }

    private static List<IElement>? FindByMarkers(PageModel page)
    {
        var groups = new List<IElement>[4];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }

        foreach (var e in page.Elements)
        {
            var level = MarkerLevel(e, page.Names(e));
            // A body class on an inline element ("<a class=RichTextIntLink>") names a fragment, never the body.
            if (level >= 0 && page.TextLength(e) > 0 && !page.IsInFurniture(e) && !BoilerplateRules.IsInline(e.LocalName))
            {
                groups[level].Add(e);
            }
        }

        List<IElement>? fallback = null;
        foreach (var group in groups)
        {
            if (group.Count == 0)
            {
                continue;
            }

            var choice = Choose(page, group, splitBodies: group == groups[0] || group == groups[1]);
            var length = choice.Sum(page.TextLength);
            if (length >= PlausibleLength)
            {
                return choice;
            }

            // Too short: the parent may hold a body split around the marker, unless it also holds other
            // matches (then it is a list of teasers).
            if (choice.Count == 1 && choice[0].ParentElement is { } parent && parent != page.Root
                && page.TextLength(parent) >= 2 * length && page.TextLength(parent) >= PlausibleLength
                && page.Stats(parent).LinkDensity < 0.3 && !page.IsInFurniture(parent)
                && group.Where(o => parent.Contains(o) && !choice[0].Contains(o)).Sum(page.TextLength) < 0.3 * page.TextLength(parent))
            {
                return [parent];
            }

            // None plausible: the most specific marker wins over a wider layout one.
            fallback ??= choice;
        }

        return fallback;
    }

    /// <summary>
    /// Among matches of one marker level: drop layout wrappers and list containers (an outer match whose
    /// inner matches hold most of its text), group matches that share a class (split bodies: for body
    /// markers anywhere on the page, for &lt;article&gt; and main only under one parent), and return the
    /// first group in document order holding at least half as much text as the largest (teasers come
    /// after the article far more often than before it).
    /// </summary>
    private static List<IElement> Choose(PageModel page, List<IElement> group, bool splitBodies)
    {
        // The pairwise checks below are quadratic: on a page with thousands of matches keep the largest.
        if (group.Count > MaxMatches)
        {
            var largest = group.OrderByDescending(page.TextLength).Take(MaxMatches).ToHashSet();
            group = group.Where(largest.Contains).ToList();
        }

        var kept = new List<IElement>();
        foreach (var e in group)
        {
            var inner = group.Where(o => o != e && e.Contains(o)).ToList();
            var innerText = inner.Where(i => !inner.Any(o => o != i && o.Contains(i))).Sum(page.TextLength);
            if (innerText >= 0.6 * page.TextLength(e))
            {
                continue;
            }

            kept.Add(e);
        }

        if (kept.Count == 0)
        {
            kept = group;
        }

        var buckets = kept.Where(l => !kept.Any(o => o != l && o.Contains(l)))
            .GroupBy(e => splitBodies
                ? (null, string.Empty, SplitKey(page, e))
                : (e.ParentElement, e.LocalName, e.GetAttribute("class")))
            .Select(b => b.ToList())
            .ToList();
        var max = buckets.Max(b => b.Sum(page.TextLength));
        var best = buckets.First(b => b.Sum(page.TextLength) >= 0.5 * max);

        // A marker on the paragraphs themselves ("<p class=bodytext>") names the body's parts: the body is
        // their parent, which also holds the paragraphs marked differently (an intro, a subheading). Paragraphs
        // marked the same way elsewhere on the page (a picture credit, a reference) stay as they are.
        if (best.All(e => e.LocalName == "p"))
        {
            var parts = new List<IElement>();
            foreach (var siblings in best.GroupBy(e => e.ParentElement))
            {
                if (siblings.Key is { } parent && (siblings.Count() >= 2 || best.Count == 1 || best.All(e => e.ParentElement == parent))
                    && siblings.Sum(page.TextLength) >= 0.6 * page.TextLength(parent))
                {
                    parts.Add(parent);
                }
                else
                {
                    parts.AddRange(siblings);
                }
            }

            return [.. parts.Distinct().OrderBy(page.Order)];
        }

        return best;
    }

    /// <summary>
    /// What the parts of a split body share: the body word in their class ("article__content" for both
    /// "article__content" and "article__content article__content--quote"), else itemprop and tag.
    /// </summary>
    private static string SplitKey(PageModel page, IElement e)
    {
        var names = page.Names(e);
        var marker = names.Length > 0 ? BoilerplateRules.BodyMarker().Match(names) : Match.Empty;
        return marker.Success ? marker.Value : string.Concat(e.LocalName, " ", e.GetAttribute("class"));
    }

    /// <summary>0: itemprop=articleBody; 1: body class/id; 2: &lt;article&gt;; 3: main; -1: none.</summary>
    private static int MarkerLevel(IElement e, string names)
    {
        if (e.GetAttribute("itemprop") is { } itemprop && itemprop.Contains("articleBody", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (names.Length > 0 && BoilerplateRules.BodyMarker().IsMatch(names))
        {
            return 1;
        }

        if (e.LocalName == "article")
        {
            return 2;
        }

        if (e.LocalName == "main" || string.Equals(e.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase)
            || (names.Length > 0 && MainMarker().IsMatch(names)))
        {
            return 3;
        }

        return -1;
    }

    private static List<IElement> FindByScore(PageModel page)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var e in page.Elements)
        {
            var tag = e.LocalName;
            // A list (not one nested in another) counts as one paragraph: bodies that are mostly lists (recipe steps,
            // legal clauses) have few <p> and would otherwise lose to a sidebar of short prose.
            var list = tag is "ul" or "ol" && e.ParentElement?.LocalName != "li";
            if (tag is not ("p" or "pre" or "td" or "blockquote") && !(tag == "div" && HasOwnText(e)) && !list)
            {
                continue;
            }

            var stats = page.Stats(e);
            if (stats.TextLength < 25 || page.IsInFurniture(e.ParentElement ?? e) || (list && stats.LinkDensity >= MaxListLinkDensity))
            {
                continue;
            }

            var score = 1 + stats.Commas + Math.Min(stats.TextLength / 100.0, 3);
            var level = 0;
            for (var a = e.ParentElement; a is not null && level < 5; a = a.ParentElement, level++)
            {
                if (!scores.ContainsKey(a))
                {
                    scores[a] = InitialScore(a, page.Names(a));
                }

                var share = level switch { 0 => 1.0, 1 => 0.5, _ => 1.0 / (level * 3) };
                scores[a] += score * share;
                if (a == page.Root)
                {
                    break;
                }
            }
        }

        IElement? top = null;
        var topScore = double.MinValue;
        foreach (var (e, s) in scores)
        {
            var final = s * (1 - page.Stats(e).LinkDensity);
            scores[e] = final;
            if (final > topScore)
            {
                top = e;
                topScore = final;
            }
        }

        if (top is null)
        {
            return [page.Root];
        }

        top = Widen(page, scores, top, topScore);
        topScore = scores.GetValueOrDefault(top, topScore);

        // Sibling blocks scoring close to the best, or sharing its class, belong to the same body.
        var parent = top.ParentElement;
        if (parent is null)
        {
            return [top];
        }

        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = top.GetAttribute("class");
        var result = new List<IElement>();
        foreach (var sibling in parent.Children)
        {
            if (sibling == top)
            {
                result.Add(sibling);
                continue;
            }

            if (page.Boilerplate.Contains(sibling))
            {
                continue;
            }

            var stats = page.Stats(sibling);
            var append = (scores.TryGetValue(sibling, out var s) && s >= threshold)
                || (!string.IsNullOrEmpty(topClass) && sibling.GetAttribute("class") == topClass && stats.TextLength > 0)
                || (sibling.LocalName == "p" && stats.TextLength > 80 && stats.LinkDensity < 0.25);
            if (append)
            {
                result.Add(sibling);
            }
        }

        // Parts of a body split across wrappers (one per section) share the best block's class.
        if (!string.IsNullOrEmpty(topClass))
        {
            var cousins = page.Elements.Where(e => e.GetAttribute("class") == topClass && !result.Any(r => r.Contains(e) || e.Contains(r))
                && page.TextLength(e) >= 100 && page.Stats(e).LinkDensity < 0.3 && !page.IsInFurniture(e)).Take(50).ToList();
            if (cousins.Count > 0)
            {
                result = [.. result.Concat(cousins).Where(e => !cousins.Any(c => c != e && c.Contains(e))).OrderBy(page.Order)];
            }
        }

        return result;
    }

    /// <summary>
    /// Readability's two ways up from the best block: to the nearest ancestor that also holds at least
    /// three of the other high-scoring blocks (a body split into sections), and out of wrappers whose
    /// only child it is.
    /// </summary>
    private static IElement Widen(PageModel page, Dictionary<IElement, double> scores, IElement top, double topScore)
    {
        var rivals = scores.Where(kv => kv.Key != top && kv.Value >= 0.75 * topScore)
            .OrderByDescending(kv => kv.Value).Take(5).Select(kv => kv.Key).ToList();
        if (rivals.Count >= 3)
        {
            for (var a = top.ParentElement; a is not null && a != page.Root; a = a.ParentElement)
            {
                if (rivals.Count(a.Contains) >= 3)
                {
                    if (!page.IsInFurniture(a))
                    {
                        top = a;
                    }

                    break;
                }
            }
        }

        while (top.ParentElement is { } parent && parent != page.Root && parent.ChildElementCount == 1)
        {
            top = parent;
        }

        return top;
    }

    private static double InitialScore(IElement e, string names)
    {
        var score = e.LocalName switch
        {
            "div" or "article" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if (names.Length > 0)
        {
            if (NegativeWeight().IsMatch(names))
            {
                score -= 25;
            }

            if (PositiveWeight().IsMatch(names))
            {
                score += 25;
            }
        }

        return score;
    }

    private static bool HasOwnText(IElement e)
    {
        foreach (var n in e.ChildNodes)
        {
            if (n.NodeType == NodeType.Text && !string.IsNullOrWhiteSpace(n.TextContent) && n.TextContent.Trim().Length > 25)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![a-z0-9])(main-content|content-main|maincontent|main-article)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex MainMarker();

    [GeneratedRegex(@"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story", RegexOptions.CultureInvariant)]
    private static partial Regex PositiveWeight();

    [GeneratedRegex(@"comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|teaser|card|list", RegexOptions.CultureInvariant)]
    private static partial Regex NegativeWeight();
}

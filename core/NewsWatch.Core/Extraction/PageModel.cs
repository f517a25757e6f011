using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// One parsed page with what the extractor computes up front: elements in document order, their text
/// measures, and the set of elements that are page furniture by tag, role, class or id.
/// </summary>
internal sealed class PageModel
{
    private readonly Dictionary<IElement, NodeStats> _stats;
    private readonly HashSet<IElement> _strong;
    private readonly Dictionary<IElement, string> _names;
    private readonly Dictionary<IElement, int> _order;
    private Dictionary<IElement, IElement> _previous = [];

    // Keys are bounded (BoilerplateRules.MaxAttributeLength): at most a few MB per thread on hostile pages, far less on real ones.
    private const int MaxCachedNames = 4_096;

    [ThreadStatic]
    private static Dictionary<(string, string), string>? t_byRaw;

    [ThreadStatic]
    private static Dictionary<(string, bool), FurnitureKind>? t_kinds;

    private PageModel(IElement root, List<IElement> elements, Dictionary<IElement, NodeStats> stats, HashSet<IElement> boilerplate, HashSet<IElement> strong, Dictionary<IElement, string> names, ExtractionBudget budget)
    {
        Budget = budget;
        _strong = strong;
        _names = names;
        _order = new Dictionary<IElement, int>(elements.Count);
        for (var i = 0; i < elements.Count; i++)
        {
            _order[elements[i]] = i;
        }
        Root = root;
        Elements = elements;
        _stats = stats;
        Boilerplate = boilerplate;
    }

    /// <summary>The time left for this page; loops over its elements call <see cref="ExtractionBudget.Check"/>.</summary>
    public ExtractionBudget Budget { get; }

    /// <summary>The body (or document element when there is no body).</summary>
    public IElement Root { get; }

    /// <summary>All elements under <see cref="Root"/> in document order, root first.</summary>
    public IReadOnlyList<IElement> Elements { get; }

    /// <summary>Elements that are furniture themselves (not counting their ancestors).</summary>
    public HashSet<IElement> Boilerplate { get; }

    public NodeStats Stats(IElement element) => _stats.TryGetValue(element, out var s) ? s : default;

    public int TextLength(IElement element) => Stats(element).TextLength;

    /// <summary>True when the element itself is furniture by tag, role, visibility or comment markers (not only by class words).</summary>
    public bool IsStrongFurniture(IElement element) => _strong.Contains(element);

    /// <summary>The element sibling before <paramref name="element"/>, or null (AngleSharp's PreviousElementSibling walks the siblings each time).</summary>
    public IElement? PreviousElementSibling(IElement element) => _previous.GetValueOrDefault(element);

    /// <summary>The element's position in document order.</summary>
    public int Order(IElement element) => _order.TryGetValue(element, out var i) ? i : int.MaxValue;

    /// <summary>The element's class and id, lower-cased with camelCase split, or empty.</summary>
    public string Names(IElement element) => _names.TryGetValue(element, out var n) ? n : string.Empty;

    /// <summary>Walks the tree once (iteratively, so deep pages cannot overflow the stack).</summary>
    public static PageModel Build(IElement root, ExtractionBudget budget)
    {
        var elements = new List<IElement>();
        var previous = new Dictionary<IElement, IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            elements.Add(e);
            if ((elements.Count & 0xFFF) == 0)
            {
                budget.Check();
            }

            // ChildNodes is an indexed list; Children is a filtered view that re-walks on every index.
            var children = e.ChildNodes;
            IElement? last = null;
            for (var i = 0; i < children.Length; i++)
            {
                if (children[i] is IElement child)
                {
                    if (last is not null)
                    {
                        previous[child] = last;
                    }

                    last = child;
                }
            }

            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        var stats = new Dictionary<IElement, NodeStats>(elements.Count);
        var inLink = new HashSet<IElement>();
        foreach (var e in elements)
        {
            if (e.LocalName == "a" || (e.ParentElement is { } p && inLink.Contains(p)))
            {
                inLink.Add(e);
            }
        }

        // Reverse document order visits every child before its parent.
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            var e = elements[i];
            int text = 0, commas = 0, childText = 0, childCommas = 0, childLink = 0;
            var children = e.ChildNodes;
            for (var c = 0; c < children.Length; c++)
            {
                var child = children[c];
                if (child.NodeType == NodeType.Text)
                {
                    CountText(child.TextContent, ref text, ref commas);
                }
                else if (child is IElement ce)
                {
                    var s = stats[ce];
                    childText += s.TextLength;
                    childCommas += s.Commas;
                    childLink += s.LinkLength;
                }
            }

            var link = (inLink.Contains(e) ? text : 0) + childLink;
            text += childText;
            commas += childCommas;

            stats[e] = new NodeStats(text, Math.Min(link, text), commas);
        }

        // Many elements share a class: normalise each distinct class/id pair once, and judge each distinct class/id
        // string once. Both are functions of the strings alone, so the caches outlive the page: pages of one site
        // share their class names. One pair of caches per thread, emptied when it grows past its bound.
        var names = new Dictionary<IElement, string>();
        var byRaw = t_byRaw ??= [];
        var kinds = t_kinds ??= [];
        if (byRaw.Count > MaxCachedNames || kinds.Count > MaxCachedNames)
        {
            byRaw.Clear();
            kinds.Clear();
        }

        var boilerplate = new HashSet<IElement>();
        var strong = new HashSet<IElement>();
        foreach (var e in elements)
        {
            var raw = (BoilerplateRules.Bounded(e.GetAttribute("class")), BoilerplateRules.Bounded(e.GetAttribute("id")));
            if (!byRaw.TryGetValue(raw, out var n))
            {
                n = BoilerplateRules.ClassAndId(raw.Item1, raw.Item2);
                byRaw[raw] = n;
            }

            if (n.Length > 0)
            {
                names[e] = n;
            }

            var kind = e == root ? FurnitureKind.None : BoilerplateRules.Classify(e, n, stats[e], kinds);

            // An inline element inside running prose ("<a class=player-link>Rafael Nadal</a> kept ...") is
            // part of the sentence whatever its class says.
            if (kind == FurnitureKind.ByClass && BoilerplateRules.IsInline(e.LocalName) && e.ParentElement is { } parent
                && stats[parent].TextLength > 2 * stats[e].TextLength)
            {
                kind = FurnitureKind.None;
            }
            if (kind != FurnitureKind.None)
            {
                boilerplate.Add(e);
            }

            if (kind == FurnitureKind.Strong)
            {
                strong.Add(e);
            }
        }

        return new PageModel(root, elements, stats, boilerplate, strong, names, budget) { _previous = previous };
    }

    /// <summary>
    /// True when the element or an ancestor is furniture. An ancestor that is furniture only by its class
    /// counts only when the element holds a small part of its text: layout wrappers named after their
    /// sidebar ("with-right-rail", "has-sidebar") hold the article too.
    /// </summary>
    public bool IsInFurniture(IElement element)
    {
        var own = TextLength(element);
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (_strong.Contains(e))
            {
                return true;
            }

            if (Boilerplate.Contains(e) && own < 0.4 * TextLength(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Like <see cref="IsInFurniture(IElement)"/>, but a &lt;header&gt; inside an &lt;article&gt; or &lt;main&gt; (where
    /// pages put the headline and the lead paragraph) does not count.
    /// </summary>
    public bool IsInFurnitureOutsideArticleHeader(IElement element)
    {
        var own = TextLength(element);
        for (var e = element; e is not null; e = e.ParentElement)
        {
            var articleHeader = e.LocalName == "header" && e.ParentElement?.Closest("article, main, [role=main]") is not null;
            if (articleHeader)
            {
                continue;
            }

            if (_strong.Contains(e))
            {
                return true;
            }

            if (Boilerplate.Contains(e) && own < 0.4 * TextLength(e))
            {
                return true;
            }
        }

        return false;
    }

    private static void CountText(string s, ref int text, ref int commas)
    {
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c))
            {
                text++;
                if (c is ',' or '，' or '、')
                {
                    commas++;
                }
            }
        }
    }
}

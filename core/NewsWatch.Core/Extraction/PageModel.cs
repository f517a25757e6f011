using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// One parsed page with what the extractor computes up front: elements in document order, their text
/// measures, and the set of elements that are page furniture by tag, role, class or id.
/// </summary>
internal sealed class PageModel
{
    // Per element, by its position in document order: one dictionary from element to position, the rest in arrays.
    private readonly Dictionary<IElement, int> _order;
    private readonly NodeStats[] _stats;
    private readonly string[] _names;
    private readonly int[] _previous;
    private readonly HashSet<IElement> _strong;

    // Keys are bounded (BoilerplateRules.MaxAttributeLength): at most a few MB per thread on hostile pages, far less on real ones.
    private const int MaxCachedNames = 4_096;

    [ThreadStatic]
    private static Dictionary<(string, string), string>? t_byRaw;

    [ThreadStatic]
    private static Dictionary<(string, bool), FurnitureKind>? t_kinds;

    private PageModel(IElement root, List<IElement> elements, Dictionary<IElement, int> order, NodeStats[] stats, string[] names, int[] previous, HashSet<IElement> boilerplate, HashSet<IElement> strong, ExtractionBudget budget)
    {
        Budget = budget;
        Root = root;
        Elements = elements;
        _order = order;
        _stats = stats;
        _names = names;
        _previous = previous;
        Boilerplate = boilerplate;
        _strong = strong;
    }

    /// <summary>The time left for this page; loops over its elements call <see cref="ExtractionBudget.Check"/>.</summary>
    public ExtractionBudget Budget { get; }

    /// <summary>The body (or document element when there is no body).</summary>
    public IElement Root { get; }

    /// <summary>All elements under <see cref="Root"/> in document order, root first.</summary>
    public IReadOnlyList<IElement> Elements { get; }

    /// <summary>Elements that are furniture themselves (not counting their ancestors).</summary>
    public HashSet<IElement> Boilerplate { get; }

    public NodeStats Stats(IElement element) => _order.TryGetValue(element, out var i) ? _stats[i] : default;

    public int TextLength(IElement element) => Stats(element).TextLength;

    /// <summary>True when the element itself is furniture by tag, role, visibility or comment markers (not only by class words).</summary>
    public bool IsStrongFurniture(IElement element) => _strong.Contains(element);

    /// <summary>The element sibling before <paramref name="element"/>, or null (AngleSharp's PreviousElementSibling walks the siblings each time).</summary>
    public IElement? PreviousElementSibling(IElement element) =>
        _order.TryGetValue(element, out var i) && _previous[i] >= 0 ? Elements[_previous[i]] : null;

    /// <summary>The element's position in document order.</summary>
    public int Order(IElement element) => _order.TryGetValue(element, out var i) ? i : int.MaxValue;

    /// <summary>The element's class and id, lower-cased with camelCase split, or empty.</summary>
    public string Names(IElement element) => _order.TryGetValue(element, out var i) ? _names[i] : string.Empty;

    /// <summary>Walks the tree once (iteratively, so deep pages cannot overflow the stack).</summary>
    public static PageModel Build(IElement root, ExtractionBudget budget)
    {
        // Document order, each element's parent and previous element sibling by position.
        var elements = new List<IElement>();
        var order = new Dictionary<IElement, int>();
        var parents = new List<int>();
        var stack = new Stack<(IElement Element, int Parent)>();
        stack.Push((root, -1));
        while (stack.Count > 0)
        {
            var (e, parent) = stack.Pop();
            var index = elements.Count;
            order[e] = index;
            elements.Add(e);
            parents.Add(parent);
            if ((elements.Count & 0xFFF) == 0)
            {
                budget.Check();
            }

            // ChildNodes is an indexed list; Children is a filtered view that re-walks on every index.
            var children = e.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                if (children[i] is IElement child)
                {
                    stack.Push((child, index));
                }
            }
        }

        var count = elements.Count;
        var previous = new int[count];
        var lastChild = new int[count];
        Array.Fill(lastChild, -1);
        var inLink = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var parent = parents[i];
            previous[i] = parent >= 0 ? lastChild[parent] : -1;
            if (parent >= 0)
            {
                lastChild[parent] = i;
            }

            inLink[i] = elements[i].LocalName == "a" || (parent >= 0 && inLink[parent]);
        }

        // Reverse document order visits every child before its parent, which then adds the child's totals to its own.
        var stats = new NodeStats[count];
        var childTotals = new NodeStats[count];
        for (var i = count - 1; i >= 0; i--)
        {
            int text = 0, commas = 0;
            var children = elements[i].ChildNodes;
            for (var c = 0; c < children.Length; c++)
            {
                if (children[c] is { NodeType: NodeType.Text } t)
                {
                    CountText(t.TextContent, ref text, ref commas);
                }
            }

            var below = childTotals[i];
            var link = (inLink[i] ? text : 0) + below.LinkLength;
            text += below.TextLength;
            commas += below.Commas;
            stats[i] = new NodeStats(text, Math.Min(link, text), commas);
            if (parents[i] is var p and >= 0)
            {
                var sum = childTotals[p];
                childTotals[p] = new NodeStats(sum.TextLength + stats[i].TextLength, sum.LinkLength + stats[i].LinkLength, sum.Commas + stats[i].Commas);
            }
        }

        // Many elements share a class: normalise each distinct class/id pair once, and judge each distinct class/id
        // string once. Both are functions of the strings alone, so the caches outlive the page: pages of one site
        // share their class names. One pair of caches per thread, emptied when it grows past its bound.
        var names = new string[count];
        var byRaw = t_byRaw ??= [];
        var kinds = t_kinds ??= [];
        if (byRaw.Count > MaxCachedNames || kinds.Count > MaxCachedNames)
        {
            byRaw.Clear();
            kinds.Clear();
        }

        var boilerplate = new HashSet<IElement>();
        var strong = new HashSet<IElement>();
        for (var i = 0; i < count; i++)
        {
            var e = elements[i];
            var raw = (BoilerplateRules.Bounded(e.GetAttribute("class")), BoilerplateRules.Bounded(e.GetAttribute("id")));
            if (!byRaw.TryGetValue(raw, out var n))
            {
                n = BoilerplateRules.ClassAndId(raw.Item1, raw.Item2);
                byRaw[raw] = n;
            }

            names[i] = n;
            var kind = i == 0 ? FurnitureKind.None : BoilerplateRules.Classify(e, n, stats[i], kinds);

            // An inline element inside running prose ("<a class=player-link>Rafael Nadal</a> kept ...") is
            // part of the sentence whatever its class says.
            if (kind == FurnitureKind.ByClass && BoilerplateRules.IsInline(e.LocalName) && parents[i] >= 0
                && stats[parents[i]].TextLength > 2 * stats[i].TextLength)
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

        return new PageModel(root, elements, order, stats, names, previous, boilerplate, strong, budget);
    }

    /// <summary>
    /// True when the element or an ancestor is furniture. An ancestor that is furniture only by its class
    /// counts only when the element holds a small part of its text: layout wrappers named after their
    /// sidebar ("with-right-rail", "has-sidebar") hold the article too.
    /// </summary>
    /// <param name="element">The element.</param>
    /// <param name="within">When given, only the ancestors below the first one that also holds this element count
    /// (the wrappers the two share are not judged).</param>
    public bool IsInFurniture(IElement element, IElement? within = null)
    {
        var own = TextLength(element);
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (within is not null && e.Contains(within))
            {
                return false;
            }

            if (IsFurnitureAround(e, own))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Like <see cref="IsInFurniture(IElement, IElement?)"/>, but a &lt;header&gt; inside an &lt;article&gt; or
    /// &lt;main&gt; (where pages put the headline and the lead paragraph) does not count.
    /// </summary>
    public bool IsInFurnitureOutsideArticleHeader(IElement element)
    {
        var own = TextLength(element);
        for (var e = element; e is not null; e = e.ParentElement)
        {
            var articleHeader = e.LocalName == "header" && e.ParentElement?.Closest("article, main, [role=main]") is not null;
            if (!articleHeader && IsFurnitureAround(e, own))
            {
                return true;
            }
        }

        return false;
    }

    // Furniture around an element of `own` characters: strong furniture always, furniture by class only when the
    // element holds a small part of its text.
    private bool IsFurnitureAround(IElement e, int own) => _strong.Contains(e) || (Boilerplate.Contains(e) && own < 0.4 * TextLength(e));

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

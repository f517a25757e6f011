using System.Buffers;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// A cheap, linear pass over the markup before the HTML parser sees it. It follows start and end tags the
/// way the HTML tree builder roughly does (void elements, implied end tags of p/li/td/option..., formatting
/// elements that are reopened after a misnested end tag) to estimate the depth and count of elements, and
/// refuses a page beyond <see cref="ExtractionOptions"/>: the tree builder's own cost grows with depth per
/// tag, so very deep, very large or heavily misnested input would take minutes there.
/// The same pass finds the content of scripts and style sheets, which nothing reads; <see cref="Prepare"/> hands the
/// parser the page without it (about half of a modern page's characters), so the tokenizer never walks it.
/// </summary>
internal static class MarkupScanner
{
    private const int WalkLimit = 64;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input", "keygen",
        "link", "meta", "param", "source", "track", "wbr", "html", "head", "body",
    };

    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p", "search", "section",
        "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form", "table", "hr", "xmp", "li", "dd", "dt",
    };

    // The HTML standard's "special" elements: an end tag for an inline element stops at them.
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
        "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
        "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
        "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    };

    private static readonly HashSet<string> Scope = new(StringComparer.Ordinal)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "svg", "math",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext",
    };

    private static readonly SearchValues<char> TagDelimiters = SearchValues.Create("\"'>");

    private static readonly Func<string, bool> InScope = Scope.Contains;
    private static readonly Func<string, bool> IsSpecial = Special.Contains;
    private static readonly Func<string, bool> Never = static _ => false;

    // Every tag name the sets above know, so that the scan finds a known name without allocating it.
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownNames = KnownNameLookup();

    /// <summary>What the scan found.</summary>
    public readonly record struct Shape(int MaxDepth, int Elements, int Misnested);

    private static Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownNameLookup()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in new[] { Void, Formatting, ClosesParagraph, Special, Scope, RawText })
        {
            foreach (var name in set)
            {
                names.TryAdd(name, name);
            }
        }

        foreach (var name in new[] { "span", "svg", "math", "img", "label", "time", "picture", "option", "optgroup", "sup", "sub", "abbr", "cite", "q", "mark" })
        {
            names.TryAdd(name, name);
        }

        return names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>
    /// Checks <paramref name="html"/> against the limits (<see cref="Check"/>) and returns it without the content of
    /// executable scripts and style sheets: their elements stay, empty. JSON and other data scripts keep their content
    /// (JSON-LD is read). A script whose content holds <c>&lt;!--</c> is kept whole: the tokenizer's escaped states
    /// could end it elsewhere. Only raw text is removed, and only up to the first end tag the tokenizer could stop at,
    /// so the parser builds the same elements from what is left.
    /// </summary>
    public static PreparedMarkup Prepare(string html, ExtractionOptions options, ExtractionBudget budget)
    {
        var inert = new List<(int Start, int Length)>();
        Check(html, options, budget, inert);
        if (inert.Count == 0)
        {
            return new PreparedMarkup(html);
        }

        var removed = 0;
        foreach (var (_, length) in inert)
        {
            removed += length;
        }

        var copy = ArrayPool<char>.Shared.Rent(html.Length - removed);
        var to = 0;
        var from = 0;
        foreach (var (start, length) in inert)
        {
            html.AsSpan(from, start - from).CopyTo(copy.AsSpan(to));
            to += start - from;
            from = start + length;
        }

        html.AsSpan(from).CopyTo(copy.AsSpan(to));
        return new PreparedMarkup(copy, html.Length - removed);
    }

    /// <summary>Scans <paramref name="html"/> and throws <see cref="PageTooComplexException"/> when it is beyond the limits.</summary>
    /// <param name="html">The page.</param>
    /// <param name="options">The limits.</param>
    /// <param name="budget">The page's time budget.</param>
    /// <param name="inert">When given, receives the ranges of script and style content that nothing reads, in order.</param>
    public static Shape Check(string html, ExtractionOptions options, ExtractionBudget budget, List<(int Start, int Length)>? inert = null)
    {
        var shape = Scan(html, options.MaxDepth + 1, budget, inert);
        if (shape.MaxDepth > options.MaxDepth)
        {
            throw new PageTooComplexException($"elements nest deeper than {options.MaxDepth} levels");
        }

        if (shape.Elements > options.MaxElements)
        {
            throw new PageTooComplexException($"the page has more than {options.MaxElements} elements");
        }

        if (shape.Misnested > options.MaxMisnestedTags)
        {
            throw new PageTooComplexException($"the page closes more than {options.MaxMisnestedTags} formatting tags out of order");
        }

        return shape;
    }

    /// <summary>Estimates the page's shape; stops early once the depth reaches <paramref name="depthLimit"/>.</summary>
    public static Shape Scan(string html, int depthLimit, ExtractionBudget budget, List<(int Start, int Length)>? inert = null)
    {
        var stack = new List<(string Name, int Key)>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        var reopen = new List<(string Name, int Key)>();
        int maxDepth = 0, elements = 0, misnested = 0, foreign = 0;
        var i = 0;
        var n = html.Length;
        var ticks = 0;

        void Push(string name, int key)
        {
            stack.Add((name, key));
            open[name] = open.GetValueOrDefault(name) + 1;
            elements++;
            maxDepth = Math.Max(maxDepth, stack.Count);
        }

        void PopTo(int index, bool keepFormatting)
        {
            for (var k = stack.Count - 1; k >= index; k--)
            {
                var entry = stack[k];
                open[entry.Name]--;
                if (keepFormatting && k > index && Formatting.Contains(entry.Name))
                {
                    AddReopen(entry);
                }

                if (entry.Name is "svg" or "math")
                {
                    foreign = Math.Max(0, foreign - 1);
                }
            }

            stack.RemoveRange(index, stack.Count - index);
        }

        void AddReopen((string Name, int Key) entry)
        {
            // The standard keeps at most three identical formatting elements in its list ("Noah's Ark").
            var same = 0;
            for (var k = reopen.Count - 1; k >= 0 && k >= reopen.Count - WalkLimit; k--)
            {
                if (reopen[k] == entry && ++same >= 3)
                {
                    return;
                }
            }

            reopen.Add(entry);
        }

        void Reconstruct()
        {
            if (reopen.Count == 0)
            {
                return;
            }

            foreach (var entry in reopen)
            {
                Push(entry.Name, entry.Key);
                if (stack.Count >= depthLimit)
                {
                    break;
                }
            }

            reopen.Clear();
        }

        // Find for one name, without a delegate that captures it (this runs for most tags of a page).
        int FindNamed(string target, Func<string, bool> stop)
        {
            for (var k = stack.Count - 1; k >= 0 && k >= stack.Count - WalkLimit; k--)
            {
                var name = stack[k].Name;
                if (name == target)
                {
                    return k;
                }

                if (stop(name))
                {
                    return -1;
                }
            }

            return -1;
        }

        // Index of the nearest open element named in `names` above any scope boundary, within the walk limit; -1 if none.
        int Find(Func<string, bool> target, Func<string, bool> stop)
        {
            for (var k = stack.Count - 1; k >= 0 && k >= stack.Count - WalkLimit; k--)
            {
                var name = stack[k].Name;
                if (target(name))
                {
                    return k;
                }

                if (stop(name))
                {
                    return -1;
                }
            }

            return -1;
        }

        while (i < n && stack.Count < depthLimit)
        {
            if ((++ticks & 0x3FF) == 0)
            {
                budget.Check();
            }

            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                if (n - i > 0 && !html.AsSpan(i).IsWhiteSpace())
                {
                    Reconstruct();
                }

                break;
            }

            if (lt > i && !html.AsSpan(i, lt - i).IsWhiteSpace())
            {
                Reconstruct();
            }

            i = lt + 1;
            if (i >= n)
            {
                break;
            }

            var c = html[i];
            if (c == '!')
            {
                if (string.CompareOrdinal(html, i, "!--", 0, 3) == 0)
                {
                    var end = html.IndexOf("-->", i + 3, StringComparison.Ordinal);
                    i = end < 0 ? n : end + 3;
                }
                else
                {
                    var end = html.IndexOf('>', i);
                    i = end < 0 ? n : end + 1;
                }

                continue;
            }

            if (c == '?')
            {
                var end = html.IndexOf('>', i);
                i = end < 0 ? n : end + 1;
                continue;
            }

            var isEnd = c == '/';
            var nameStart = isEnd ? i + 1 : i;
            if (nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                if (isEnd)
                {
                    var end = html.IndexOf('>', i);
                    i = end < 0 ? n : end + 1;
                }
                else
                {
                    Reconstruct();
                }

                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < n && html[nameEnd] is not (' ' or '\t' or '\n' or '\r' or '\f' or '/' or '>'))
            {
                nameEnd++;
            }

            var name = nameEnd - nameStart > 16 ? "x-long"
                : KnownNames.TryGetValue(html.AsSpan(nameStart, nameEnd - nameStart), out var known) ? known
                : html.Substring(nameStart, nameEnd - nameStart).ToLowerInvariant();

            // Attributes: quoted values may hold '>'.
            var p = nameEnd;
            var selfClosing = false;
            char quote = '\0';
            while (p < n)
            {
                if (quote != '\0')
                {
                    var close = html.IndexOf(quote, p);
                    p = close < 0 ? n : close + 1;
                    quote = '\0';
                    continue;
                }

                // Jump to the next quote or '>' (most of a tag's characters are attribute values).
                var next = html.AsSpan(p).IndexOfAny(TagDelimiters);
                if (next < 0)
                {
                    p = n;
                    break;
                }

                p += next;
                if (html[p] == '>')
                {
                    selfClosing = html[p - 1] == '/';
                    break;
                }

                if (html[p - 1] is '=' or ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    quote = html[p];
                }

                p++;
            }

            // Formatting elements are reopened by name and attributes ("Noah's Ark"); no other element needs the key.
            var attributesKey = !isEnd && Formatting.Contains(name) ? string.GetHashCode(html.AsSpan(nameEnd, Math.Max(0, Math.Min(p, n) - nameEnd))) : 0;
            i = p + 1;

            if (isEnd)
            {
                EndTag(name);
                continue;
            }

            StartTag(name, attributesKey, selfClosing);
            if (RawText.Contains(name) && !selfClosing && foreign == 0)
            {
                if (name == "plaintext")
                {
                    break;
                }

                var close = html.IndexOf(name == "script" ? "</script" : "</" + name, i, StringComparison.OrdinalIgnoreCase);
                if (inert is not null && close > i && IsInert(html, name, nameEnd, p, i, close))
                {
                    inert.Add((i, close - i));
                }

                i = close < 0 ? n : close;
            }
        }

        return new Shape(maxDepth, elements, misnested);

        // A style sheet, or a script the browser would run (no type, or a JavaScript one), whose content ends at a plain end tag.
        // Only when the scan cannot be out of step with the tokenizer: its start tag ends at the first '>' after the name
        // (so both agree where the content starts; a quote the two read differently would put a '>' inside), and a
        // style sheet holds no '<' (a "<style" met inside a script's text would otherwise cut up to a later "</style").
        // A script's cut always ends at the first "</script", where the tokenizer ends any script.
        static bool IsInert(string html, string name, int attributesStart, int attributesEnd, int contentStart, int close)
        {
            var attributes = html.AsSpan(attributesStart, Math.Max(0, Math.Min(attributesEnd, html.Length) - attributesStart));
            if (attributes.Contains('>'))
            {
                return false;
            }

            var content = html.AsSpan(contentStart, close - contentStart);
            if (name == "style")
            {
                return !content.Contains('<');
            }

            if (name != "script" || content.Contains("<!--", StringComparison.Ordinal))
            {
                return false;
            }

            var type = attributes.IndexOf("type", StringComparison.OrdinalIgnoreCase);
            if (type < 0)
            {
                return true;
            }

            var value = attributes[(type + 4)..].TrimStart(" \t\n\r\f");
            if (value.IsEmpty || value[0] != '=')
            {
                // "type" inside another attribute's name or value: keep the script, it costs only time.
                return false;
            }

            value = value[1..].TrimStart(" \t\n\r\f\"'");
            return value.StartsWith("text/javascript", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("application/javascript", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("module", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("text/ecmascript", StringComparison.OrdinalIgnoreCase)
                || value.StartsWith("application/ecmascript", StringComparison.OrdinalIgnoreCase);
        }

        void StartTag(string name, int key, bool selfClosing)
        {
            if (name is "html" or "head" or "body")
            {
                return;
            }

            if (Void.Contains(name))
            {
                elements++;
                return;
            }

            Reconstruct();
            if (foreign > 0 && selfClosing)
            {
                elements++;
                return;
            }

            if (foreign == 0)
            {
                ImpliedEnds(name);
            }

            if (name is "svg" or "math")
            {
                foreign++;
            }

            Push(name, Formatting.Contains(name) ? key : 0);
        }

        void ImpliedEnds(string name)
        {
            if (ClosesParagraph.Contains(name) && open.GetValueOrDefault("p") > 0)
            {
                var k = Find(static x => x == "p", InScope);
                if (k >= 0)
                {
                    PopTo(k, keepFormatting: true);
                }
            }

            int at;
            switch (name)
            {
                case "li":
                    at = Find(x => x == "li", x => x is "ul" or "ol" || (Special.Contains(x) && x is not ("address" or "div" or "p")));
                    break;
                case "dd" or "dt":
                    at = Find(x => x is "dd" or "dt", x => Special.Contains(x) && x is not ("address" or "div" or "p"));
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    at = stack.Count > 0 && stack[^1].Name is ['h', >= '1' and <= '6'] ? stack.Count - 1 : -1;
                    break;
                case "option" or "optgroup":
                    at = stack.Count > 0 && stack[^1].Name == "option" ? stack.Count - 1 : -1;
                    break;
                case "tr":
                    at = Find(x => x == "tr", x => x is "table" or "tbody" or "thead" or "tfoot");
                    break;
                case "td" or "th":
                    at = Find(x => x is "td" or "th", x => x is "tr" or "table");
                    break;
                case "tbody" or "thead" or "tfoot":
                    at = Find(x => x is "tbody" or "thead" or "tfoot", x => x == "table");
                    break;
                case "a" or "nobr" or "button":
                    at = open.GetValueOrDefault(name) > 0 ? FindNamed(name, InScope) : -1;
                    break;
                default:
                    at = -1;
                    break;
            }

            if (at >= 0)
            {
                PopTo(at, keepFormatting: true);
            }
        }

        void EndTag(string name)
        {
            if (!open.TryGetValue(name, out var count) || count == 0)
            {
                // Not open: the tree builder ignores it (or removes it from its list of formatting elements).
                for (var k = reopen.Count - 1; k >= 0; k--)
                {
                    if (reopen[k].Name == name)
                    {
                        reopen.RemoveAt(k);
                        break;
                    }
                }

                return;
            }

            if (Formatting.Contains(name))
            {
                var k = FindNamed(name, Never);
                if (k < 0)
                {
                    return;
                }

                if (k < stack.Count - 1)
                {
                    // Misnested: the tree builder's adoption agency moves nodes; what was opened after it stays open.
                    misnested++;
                    var special = false;
                    for (var j = k + 1; j < stack.Count; j++)
                    {
                        special |= Special.Contains(stack[j].Name);
                    }

                    if (special)
                    {
                        open[name]--;
                        stack.RemoveAt(k);
                        return;
                    }
                }

                PopTo(k, keepFormatting: true);
                return;
            }

            // A block's end tag closes what is open inside it; an inline one stops at the first block.
            var at = FindNamed(name, Special.Contains(name) ? InScope : IsSpecial);
            if (at >= 0)
            {
                PopTo(at, keepFormatting: true);
            }
        }
    }
}

using System.Text;
using AngleSharp.Dom;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Turns a region of the DOM into text blocks: block elements start new blocks, inline elements join
/// without added spaces, <c>&lt;br&gt;</c> starts a new line (two of them a new block), table cells are
/// separated by a space.
/// </summary>
internal static class TextAssembler
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
        "tr", "ul", "caption", "html", "legend", "option", "picture",
    };

    /// <summary>Collects the text blocks under <paramref name="roots"/>, skipping elements for which <paramref name="skip"/> holds.</summary>
    public static List<string> Blocks(IEnumerable<IElement> roots, Func<IElement, bool> skip, ExtractionBudget budget)
    {
        var blocks = new List<string>();
        var line = new StringBuilder();
        var lines = new List<string>();

        void EndLine()
        {
            var text = CollapseWhitespace(line.ToString()).Trim();
            line.Clear();
            if (text.Length > 0)
            {
                lines.Add(text);
            }
        }

        void EndBlock()
        {
            EndLine();
            if (lines.Count > 0)
            {
                blocks.Add(string.Join('\n', lines));
                lines.Clear();
            }
        }

        // Iterative walk: (node, entering) pairs; an element is pushed again to mark its end.
        var stack = new Stack<(INode Node, bool Exit)>();
        foreach (var root in roots.Reverse())
        {
            stack.Push((root, false));
        }

        var steps = 0;
        while (stack.Count > 0)
        {
            if ((++steps & 0xFFF) == 0)
            {
                budget.Check();
            }

            var (node, exit) = stack.Pop();
            if (node is IElement el)
            {
                var tag = el.LocalName;
                var isBlock = BlockTags.Contains(tag);
                if (exit)
                {
                    if (isBlock)
                    {
                        EndBlock();
                    }
                    else if (tag is "td" or "th")
                    {
                        line.Append(' ');
                    }

                    continue;
                }

                if (skip(el))
                {
                    // A skipped inline element still separates words around it only if it is a block.
                    if (isBlock)
                    {
                        EndBlock();
                    }

                    continue;
                }

                if (tag == "br")
                {
                    // "<br><br>" is how many pages separate paragraphs.
                    if (string.IsNullOrWhiteSpace(line.ToString()) && lines.Count > 0)
                    {
                        EndBlock();
                    }
                    else
                    {
                        EndLine();
                    }

                    continue;
                }

                if (tag is "td" or "th")
                {
                    line.Append(' ');
                }
                else if (tag == "img" && el.GetAttribute("alt") is { } _)
                {
                    continue;
                }

                if (isBlock)
                {
                    EndBlock();
                }

                stack.Push((el, true));
                var children = el.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                ReaderText.AppendVisible(line, node.TextContent);
            }
        }

        EndBlock();
        return blocks;
    }

    /// <summary>Replaces every run of whitespace (including no-break spaces) by one space.</summary>
    public static string CollapseWhitespace(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c == '\u200b')
            {
                if (c == '\u200b')
                {
                    continue;
                }

                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        if (space && sb.Length > 0)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }
}

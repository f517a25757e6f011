using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Decides whether a candidate rule's query holds, given the hits of one article. Recursion is bounded by the
/// parser's nesting limit; flat chains are n-ary nodes walked in a loop.
/// </summary>
internal static class QueryEvaluator
{
    /// <summary>The hits of a leaf in the fields it looks at.</summary>
    public static int Hits(QueryNode leaf, MatchScratch s)
    {
        ref readonly var state = ref s.Terms[leaf.TermIndex];
        return ((leaf.Fields & FieldMask.Title) != 0 ? state.TitleHits : 0) + ((leaf.Fields & FieldMask.Body) != 0 ? state.BodyHits : 0);
    }

    /// <summary>The hits of every positive leaf under <paramref name="node"/> (a group counts all its alternatives).</summary>
    public static int CountHits(QueryNode node, MatchScratch s)
    {
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                return Hits(node, s);
            case QueryNodeKind.Not:
                return CountHits(node.Children[0], s);
            default:
                var total = 0;
                foreach (var child in node.Children)
                {
                    total += CountHits(child, s);
                }

                return total;
        }
    }

    // The flat form of a query (Compile): one node at code[at], its head code[at] = an Op | (argument << 4), then
    // code[at + 1]: a term's index (a Term, its fields as the argument; 2 ints), a NEAR's index in the rule set's
    // NEAR nodes (evaluated by NearSpans on the node; 2 ints), or the length of the node in ints (And, Or and Not,
    // their child count as the argument, their children after it; Count, its MinCount at code[at + 2] and its child
    // after that). A rule's nodes are contiguous, so evaluating one reads a cache line or two instead of the
    // objects of its tree, far apart in memory with thousands of rules.
    private const int OpTerm = 0;
    private const int OpAnd = 1;
    private const int OpOr = 2;
    private const int OpNot = 3;
    private const int OpCount = 4;
    private const int OpNear = 5;

    /// <summary>
    /// Appends the flat form of <paramref name="node"/> to <paramref name="into"/> (read by <see cref="Evaluate"/>),
    /// its NEAR nodes to <paramref name="nears"/>. Recursion is bounded by the parser's nesting limit.
    /// </summary>
    public static void Compile(QueryNode node, List<int> into, List<QueryNode> nears)
    {
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                into.Add(OpTerm | ((int)node.Fields << 4));
                into.Add(node.TermIndex);
                return;
            case QueryNodeKind.Near:
                into.Add(OpNear);
                into.Add(nears.Count);
                nears.Add(node);
                return;
            case QueryNodeKind.Count:
            {
                var at = into.Count;
                into.Add(OpCount);
                into.Add(0);
                into.Add(node.MinCount);
                Compile(node.Children[0], into, nears);
                into[at + 1] = into.Count - at;
                return;
            }

            default:
            {
                var at = into.Count;
                var op = node.Kind switch { QueryNodeKind.And => OpAnd, QueryNodeKind.Or => OpOr, _ => OpNot };
                into.Add(op | (node.Children.Length << 4));
                into.Add(0);
                foreach (var child in node.Children)
                {
                    Compile(child, into, nears);
                }

                into[at + 1] = into.Count - at;
                return;
            }
        }
    }

    /// <summary>
    /// Whether the query compiled at <paramref name="at"/> of <paramref name="code"/> (see <see cref="Compile"/>)
    /// matches the article whose hits are in <paramref name="s"/> (a NEAR by <see cref="NearSpans"/> on its node in
    /// <paramref name="nears"/>). A single term (most rules) is decided here without a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Evaluate(int[] code, int at, QueryNode[] nears, MatchScratch s)
    {
        var head = code[at];
        return (head & 15) == OpTerm ? Hits(head >> 4, code[at + 1], s) > 0 : EvaluateNode(code, at, nears, s);
    }

    private static bool EvaluateNode(int[] code, int at, QueryNode[] nears, MatchScratch s)
    {
        var head = code[at];
        switch (head & 15)
        {
            case OpTerm:
                return Hits(head >> 4, code[at + 1], s) > 0;
            case OpAnd:
            {
                var child = at + 2;
                for (var n = head >> 4; n > 0; n--)
                {
                    if (!EvaluateNode(code, child, nears, s))
                    {
                        return false;
                    }

                    child += Length(code, child);
                }

                return true;
            }

            case OpOr:
            {
                var child = at + 2;
                for (var n = head >> 4; n > 0; n--)
                {
                    if (EvaluateNode(code, child, nears, s))
                    {
                        return true;
                    }

                    child += Length(code, child);
                }

                return false;
            }

            case OpNot:
            {
                var child = at + 2;
                if (!EvaluateNode(code, child, nears, s))
                {
                    return false;
                }

                for (var n = (head >> 4) - 1; n > 0; n--)
                {
                    child += Length(code, child);
                    if (EvaluateNode(code, child, nears, s))
                    {
                        return false;
                    }
                }

                return true;
            }

            case OpCount:
                return EvaluateNode(code, at + 3, nears, s) && CountHits(code, at + 3, nears, s) >= code[at + 2];
            default:
                return NearSpans.Any(nears[code[at + 1]], s);
        }
    }

    /// <summary>The length in ints of the compiled node at <paramref name="at"/>.</summary>
    private static int Length(int[] code, int at) => (code[at] & 15) is OpTerm or OpNear ? 2 : code[at + 1];

    /// <summary>The hits of term <paramref name="term"/> in <paramref name="fields"/> (a <see cref="FieldMask"/>).</summary>
    private static int Hits(int fields, int term, MatchScratch s)
    {
        ref readonly var state = ref s.Terms[term];
        return ((fields & (int)FieldMask.Title) != 0 ? state.TitleHits : 0) + ((fields & (int)FieldMask.Body) != 0 ? state.BodyHits : 0);
    }

    /// <summary>As <see cref="CountHits(QueryNode, MatchScratch)"/>, on the compiled node at <paramref name="at"/>.</summary>
    private static int CountHits(int[] code, int at, QueryNode[] nears, MatchScratch s)
    {
        var head = code[at];
        switch (head & 15)
        {
            case OpTerm:
                return Hits(head >> 4, code[at + 1], s);
            case OpNear:
                return CountHits(nears[code[at + 1]], s);
            case OpNot:
                return CountHits(code, at + 2, nears, s);
            case OpCount:
                return CountHits(code, at + 3, nears, s);
            default:
                var total = 0;
                var child = at + 2;
                for (var n = head >> 4; n > 0; n--)
                {
                    total += CountHits(code, child, nears, s);
                    child += Length(code, child);
                }

                return total;
        }
    }
}

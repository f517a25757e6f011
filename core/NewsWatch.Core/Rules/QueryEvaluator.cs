namespace NewsWatch.Core.Rules;

/// <summary>
/// Decides whether a candidate rule's query holds, given the hits of one article. Recursion is bounded by the
/// parser's nesting limit; flat chains are n-ary nodes walked in a loop.
/// </summary>
internal static class QueryEvaluator
{
    /// <summary>Whether <paramref name="node"/> matches the article whose hits are in <paramref name="s"/>.</summary>
    public static bool Evaluate(QueryNode node, MatchScratch s)
    {
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                return Hits(node, s) > 0;
            case QueryNodeKind.And:
                foreach (var child in node.Children)
                {
                    if (!Evaluate(child, s))
                    {
                        return false;
                    }
                }

                return true;
            case QueryNodeKind.Or:
                foreach (var child in node.Children)
                {
                    if (Evaluate(child, s))
                    {
                        return true;
                    }
                }

                return false;
            case QueryNodeKind.Not:
                if (!Evaluate(node.Children[0], s))
                {
                    return false;
                }

                for (var i = 1; i < node.Children.Length; i++)
                {
                    if (Evaluate(node.Children[i], s))
                    {
                        return false;
                    }
                }

                return true;
            case QueryNodeKind.Count:
                return Evaluate(node.Children[0], s) && CountHits(node.Children[0], s) >= node.MinCount;
            default:
                return NearSpans.Any(node, s);
        }
    }

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
}

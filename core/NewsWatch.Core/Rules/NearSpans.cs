namespace NewsWatch.Core.Rules;

/// <summary>
/// NEAR/n and ONEAR/n over word positions: the hits of each side as spans of words in one field, sorted, then
/// joined with a sliding window so that the cost grows with the number of hits, not their product.
/// </summary>
internal static class NearSpans
{
    /// <summary>Most spans kept for one operand; more hits than this on one page are not needed to decide.</summary>
    public const int MaxSpans = 100_000;

    /// <summary>Whether a NEAR node has at least one pair of hits close enough.</summary>
    public static bool Any(QueryNode node, MatchScratch s)
    {
        var spans = Spans(node, s);
        var any = spans.Count > 0;
        s.ReturnSpans(spans);
        return any;
    }

    /// <summary>
    /// The word spans where <paramref name="node"/> (a term, an OR-group of them, or a NEAR) holds, sorted, in a
    /// list rented from <paramref name="s"/> (give it back with <see cref="MatchScratch.ReturnSpans"/>).
    /// </summary>
    public static List<WordSpan> Spans(QueryNode node, MatchScratch s)
    {
        var result = s.RentSpans();
        switch (node.Kind)
        {
            case QueryNodeKind.Term:
                AddTerm(node, s, result);
                break;
            case QueryNodeKind.Or:
                foreach (var child in node.Children)
                {
                    var spans = Spans(child, s);
                    result.AddRange(spans);
                    s.ReturnSpans(spans);
                }

                break;
            case QueryNodeKind.Near:
                var left = Spans(node.Children[0], s);
                var right = Spans(node.Children[1], s);
                Join(left, right, node.Distance, node.Ordered, result);
                s.ReturnSpans(left);
                s.ReturnSpans(right);
                return result;
        }

        result.Sort(WordSpan.Compare);
        return result;
    }

    private static void AddTerm(QueryNode leaf, MatchScratch s, List<WordSpan> into)
    {
        var t = leaf.TermIndex;
        ref readonly var state = ref s.Terms[t];
        if (state.Total == 0)
        {
            return;
        }

        for (var h = state.FirstHit; h >= 0 && into.Count < MaxSpans; h = s.Hits[h].Next)
        {
            var hit = s.Hits[h];
            if ((leaf.Fields & (hit.Field == 0 ? FieldMask.Title : FieldMask.Body)) != 0)
            {
                into.Add(new WordSpan(hit.Field, hit.FirstWord, hit.LastWord));
            }
        }
    }

    /// <summary>Pairs a span of <paramref name="left"/> with one of <paramref name="right"/> in the same field, apart by at most <paramref name="distance"/> words.</summary>
    private static void Join(List<WordSpan> left, List<WordSpan> right, int distance, bool ordered, List<WordSpan> into)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return;
        }

        var longestRight = 0;
        foreach (var r in right)
        {
            longestRight = Math.Max(longestRight, r.Last - r.First);
        }

        var lo = 0;
        foreach (var a in left)
        {
            // Right spans that start so early that even the longest one ends before the window are never needed again.
            while (lo < right.Count && (right[lo].Field < a.Field
                   || (right[lo].Field == a.Field && right[lo].First + longestRight < a.First - distance - 1)))
            {
                lo++;
            }

            for (var j = lo; j < right.Count; j++)
            {
                var b = right[j];
                if (b.Field != a.Field || b.First > a.Last + distance + 1)
                {
                    break;
                }

                bool close;
                if (b.First > a.Last)
                {
                    close = b.First - a.Last - 1 <= distance;
                }
                else if (!ordered && a.First > b.Last)
                {
                    close = a.First - b.Last - 1 <= distance;
                }
                else
                {
                    close = false; // overlapping, or in the wrong order for ONEAR
                }

                if (close)
                {
                    into.Add(new WordSpan(a.Field, Math.Min(a.First, b.First), Math.Max(a.Last, b.Last)));
                    if (into.Count >= MaxSpans)
                    {
                        into.Sort(WordSpan.Compare);
                        return;
                    }
                }
            }
        }

        into.Sort(WordSpan.Compare);
    }
}

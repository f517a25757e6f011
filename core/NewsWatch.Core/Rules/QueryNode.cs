namespace NewsWatch.Core.Rules;

/// <summary>A node of a compiled rule query. Immutable; leaves point at a term of the rule set by index.</summary>
internal sealed class QueryNode
{
    private QueryNode(QueryNodeKind kind, QueryNode? left, QueryNode? right, int termIndex)
    {
        Kind = kind;
        Left = left;
        Right = right;
        TermIndex = termIndex;
    }

    /// <summary>What the node does.</summary>
    public QueryNodeKind Kind { get; }

    /// <summary>The left operand of an operator, else null.</summary>
    public QueryNode? Left { get; }

    /// <summary>The right operand of an operator, else null.</summary>
    public QueryNode? Right { get; }

    /// <summary>For a leaf, the index of its term in the rule set; else -1.</summary>
    public int TermIndex { get; }

    /// <summary>A leaf for term <paramref name="termIndex"/>.</summary>
    public static QueryNode Term(int termIndex) => new(QueryNodeKind.Term, null, null, termIndex);

    /// <summary>An operator node.</summary>
    public static QueryNode Operator(QueryNodeKind kind, QueryNode left, QueryNode right) => new(kind, left, right, -1);

    /// <summary>Whether the query matches, given each term's total hit count in the article.</summary>
    public bool Evaluate(int[] termHits) => Kind switch
    {
        QueryNodeKind.Term => termHits[TermIndex] > 0,
        QueryNodeKind.And => Left!.Evaluate(termHits) && Right!.Evaluate(termHits),
        QueryNodeKind.Or => Left!.Evaluate(termHits) || Right!.Evaluate(termHits),
        _ => Left!.Evaluate(termHits) && !Right!.Evaluate(termHits),
    };

    /// <summary>Adds the term indexes that count as hits (all leaves except those on the right of a NOT), once each.</summary>
    public void CollectPositiveTerms(List<int> into)
    {
        switch (Kind)
        {
            case QueryNodeKind.Term:
                if (!into.Contains(TermIndex))
                {
                    into.Add(TermIndex);
                }

                break;
            case QueryNodeKind.Not:
                Left!.CollectPositiveTerms(into);
                break;
            default:
                Left!.CollectPositiveTerms(into);
                Right!.CollectPositiveTerms(into);
                break;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        QueryNodeKind.Term => $"t{TermIndex}",
        _ => $"({Left} {Kind.ToString().ToUpperInvariant()} {Right})",
    };
}

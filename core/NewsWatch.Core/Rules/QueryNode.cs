using System.Text;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A node of a parsed rule query. Immutable; leaves point at a term of the rule set by index. Operators are
/// n-ary, so a flat chain of 200,000 ORs is one node with 200,000 children; the parser bounds the nesting
/// (<see cref="RuleParser.MaxNesting"/>), so every walk of the tree recurses at most a few hundred levels.
/// </summary>
internal sealed class QueryNode
{
    private static readonly QueryNode[] NoChildren = [];

    private QueryNode(QueryNodeKind kind, QueryNode[] children, int termIndex, FieldMask fields, int distance, bool ordered, int minCount, int column)
    {
        Kind = kind;
        Children = children;
        TermIndex = termIndex;
        Fields = fields;
        Distance = distance;
        Ordered = ordered;
        MinCount = minCount;
        Column = column;
    }

    /// <summary>What the node does.</summary>
    public QueryNodeKind Kind { get; }

    /// <summary>The operands of an operator (for NOT: the kept one first, then the excluded ones); empty for a leaf.</summary>
    public QueryNode[] Children { get; }

    /// <summary>For a leaf, the index of its term in the rule set; else -1.</summary>
    public int TermIndex { get; }

    /// <summary>For a leaf, the fields its hits count in.</summary>
    public FieldMask Fields { get; }

    /// <summary>For NEAR, the most words allowed between the two hits.</summary>
    public int Distance { get; }

    /// <summary>For NEAR, whether the left hit must come first (ONEAR).</summary>
    public bool Ordered { get; }

    /// <summary>For COUNT, the least number of hits.</summary>
    public int MinCount { get; }

    /// <summary>1-based column in the query where the node starts (for messages).</summary>
    public int Column { get; }

    /// <summary>A leaf for term <paramref name="termIndex"/>.</summary>
    public static QueryNode Term(int termIndex, FieldMask fields = FieldMask.Both, int column = 0) =>
        new(QueryNodeKind.Term, NoChildren, termIndex, fields, 0, false, 0, column);

    /// <summary>An AND, OR or NOT node over <paramref name="children"/>.</summary>
    public static QueryNode Operator(QueryNodeKind kind, QueryNode[] children, int column = 0) =>
        new(kind, children, -1, FieldMask.Both, 0, false, 0, column);

    /// <summary>A binary operator node (kept for callers that build trees by hand).</summary>
    public static QueryNode Operator(QueryNodeKind kind, QueryNode left, QueryNode right) => Operator(kind, [left, right]);

    /// <summary>A NEAR/n or ONEAR/n node.</summary>
    public static QueryNode Near(QueryNode left, QueryNode right, int distance, bool ordered, int column) =>
        new(QueryNodeKind.Near, [left, right], -1, FieldMask.Both, distance, ordered, 0, column);

    /// <summary>A COUNT&gt;=n node.</summary>
    public static QueryNode Count(QueryNode child, int minCount, int column) =>
        new(QueryNodeKind.Count, [child], -1, FieldMask.Both, 0, false, minCount, column);

    /// <summary>Adds the term indexes that count as hits (all leaves except those excluded by a NOT), once each.</summary>
    public void CollectPositiveTerms(List<int> into, HashSet<int> seen)
    {
        switch (Kind)
        {
            case QueryNodeKind.Term:
                if (seen.Add(TermIndex))
                {
                    into.Add(TermIndex);
                }

                break;
            case QueryNodeKind.Not:
                Children[0].CollectPositiveTerms(into, seen);
                break;
            default:
                foreach (var child in Children)
                {
                    child.CollectPositiveTerms(into, seen);
                }

                break;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        Print(sb, t => $"t{t}");
        return sb.ToString();
    }

    /// <summary>Prints the tree with every operator parenthesised, naming terms through <paramref name="term"/>.</summary>
    public void Print(StringBuilder sb, Func<int, string> term)
    {
        switch (Kind)
        {
            case QueryNodeKind.Term:
                sb.Append(Fields switch { FieldMask.Title => "title:", FieldMask.Body => "body:", _ => string.Empty });
                sb.Append(term(TermIndex));
                return;
            case QueryNodeKind.Count:
                Children[0].Print(sb, term);
                sb.Append(" COUNT>=").Append(MinCount);
                return;
        }

        var op = Kind switch
        {
            QueryNodeKind.Near => (Ordered ? " ONEAR/" : " NEAR/") + Distance + " ",
            QueryNodeKind.And => " AND ",
            QueryNodeKind.Or => " OR ",
            _ => " NOT ",
        };
        sb.Append('(');
        for (var i = 0; i < Children.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(op);
            }

            Children[i].Print(sb, term);
        }

        sb.Append(')');
    }
}

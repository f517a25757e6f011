namespace NewsWatch.Core.Rules;

/// <summary>The kind of a node in a parsed rule query.</summary>
internal enum QueryNodeKind
{
    /// <summary>A word, phrase or wildcard word.</summary>
    Term,

    /// <summary>Every child must match (n-ary, so a flat chain is one node).</summary>
    And,

    /// <summary>At least one child must match (n-ary).</summary>
    Or,

    /// <summary>The first child must match and none of the others (<c>a NOT b NOT c</c>).</summary>
    Not,

    /// <summary>Two operands whose hits are at most <see cref="QueryNode.Distance"/> words apart in one field.</summary>
    Near,

    /// <summary>The only child matches with at least <see cref="QueryNode.MinCount"/> hits in the article.</summary>
    Count,
}

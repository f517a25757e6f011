namespace NewsWatch.Core.Rules;

/// <summary>The kind of a node in a parsed rule query.</summary>
internal enum QueryNodeKind
{
    /// <summary>A word, phrase or wildcard word.</summary>
    Term,

    /// <summary>Both sides must match.</summary>
    And,

    /// <summary>Either side must match.</summary>
    Or,

    /// <summary>The left side must match and the right side must not (binary: <c>a NOT b</c>).</summary>
    Not,
}

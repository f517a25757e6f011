namespace NewsWatch.Core.Rules;

/// <summary>The kind of a lexical token of a rule query.</summary>
internal enum QueryTokenKind
{
    /// <summary>A bare word (possibly with a trailing <c>*</c>).</summary>
    Word,

    /// <summary>A quoted phrase.</summary>
    Phrase,

    /// <summary>The upper-case operator AND.</summary>
    And,

    /// <summary>The upper-case operator OR.</summary>
    Or,

    /// <summary>The upper-case operator NOT.</summary>
    Not,

    /// <summary>An opening parenthesis.</summary>
    LeftParen,

    /// <summary>A closing parenthesis.</summary>
    RightParen,

    /// <summary>The end of the query.</summary>
    End,

    /// <summary><c>NEAR/n</c>; the number is in <see cref="QueryToken.Number"/>.</summary>
    Near,

    /// <summary><c>ONEAR/n</c>.</summary>
    OrderedNear,

    /// <summary><c>COUNT&gt;=n</c>.</summary>
    Count,

    /// <summary>The prefix <c>title:</c>.</summary>
    TitleField,

    /// <summary>The prefix <c>body:</c>.</summary>
    BodyField,
}

namespace NewsWatch.Core.Rules;

/// <summary>A lexical token of a rule query.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Column">1-based column of its first char.</param>
/// <param name="Term">For a word or phrase, the parsed term; else null.</param>
/// <param name="Number">For NEAR/n, ONEAR/n and COUNT&gt;=n, the number.</param>
internal readonly record struct QueryToken(QueryTokenKind Kind, int Column, TermSpec? Term, int Number = 0)
{
    /// <summary>Whether this token can start an operand.</summary>
    public bool StartsOperand => Kind is QueryTokenKind.Word or QueryTokenKind.Phrase or QueryTokenKind.LeftParen
        or QueryTokenKind.TitleField or QueryTokenKind.BodyField;

    /// <summary>How the token is written, for messages.</summary>
    public string Text => Kind switch
    {
        QueryTokenKind.And => "AND",
        QueryTokenKind.Or => "OR",
        QueryTokenKind.Not => "NOT",
        QueryTokenKind.LeftParen => "(",
        QueryTokenKind.RightParen => ")",
        QueryTokenKind.End => "end of query",
        QueryTokenKind.Near => $"NEAR/{Number}",
        QueryTokenKind.OrderedNear => $"ONEAR/{Number}",
        QueryTokenKind.Count => $"COUNT>={Number}",
        QueryTokenKind.TitleField => "title:",
        QueryTokenKind.BodyField => "body:",
        _ => Term?.Display ?? string.Empty,
    };
}

namespace NewsWatch.Core.Rules;

/// <summary>A rule's query could not be parsed. The message names the rule and the 1-based column.</summary>
public sealed class RuleSyntaxException : Exception
{
    /// <summary>Queries longer than this are cut in messages.</summary>
    private const int MaxQueryInMessage = 200;

    public RuleSyntaxException(string ruleId, string query, int column, string problem)
        : this(ruleId, query, column, problem, Style.Syntax)
    {
    }

    internal RuleSyntaxException(string ruleId, string query, int column, string problem, Style style)
        : base(Format(ruleId, query, column, problem, style))
    {
        RuleId = ruleId;
        Query = query;
        Column = column;
        Problem = problem;
    }

    /// <summary>How the message is worded.</summary>
    internal enum Style
    {
        /// <summary><c>Rule 'X': syntax error at column N: problem. Query: ...</c></summary>
        Syntax,

        /// <summary><c>Rule 'X': problem at column N. Query: ...</c></summary>
        Nesting,
    }

    /// <summary>The id of the rule whose query failed.</summary>
    public string RuleId { get; }

    /// <summary>The query as written.</summary>
    public string Query { get; }

    /// <summary>1-based column of the problem in <see cref="Query"/>.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the rule id and column.</summary>
    public string Problem { get; }

    private static string Format(string ruleId, string query, int column, string problem, Style style)
    {
        var shown = query.Length <= MaxQueryInMessage ? query : string.Concat(query.AsSpan(0, MaxQueryInMessage), "…");
        return style == Style.Nesting
            ? $"Rule '{ruleId}': {problem} at column {column}. Query: {shown}"
            : $"Rule '{ruleId}': syntax error at column {column}: {problem}. Query: {shown}";
    }
}

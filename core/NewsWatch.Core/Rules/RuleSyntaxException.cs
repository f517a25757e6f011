namespace NewsWatch.Core.Rules;

/// <summary>A rule's query could not be parsed. The message names the rule and the 1-based column.</summary>
public sealed class RuleSyntaxException : Exception
{
    public RuleSyntaxException(string ruleId, string query, int column, string problem)
        : base($"Rule '{ruleId}': syntax error at column {column}: {problem}. Query: {query}")
    {
        RuleId = ruleId;
        Query = query;
        Column = column;
        Problem = problem;
    }

    /// <summary>The id of the rule whose query failed.</summary>
    public string RuleId { get; }

    /// <summary>The query as written.</summary>
    public string Query { get; }

    /// <summary>1-based column of the problem in <see cref="Query"/>.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the rule id and column.</summary>
    public string Problem { get; }
}

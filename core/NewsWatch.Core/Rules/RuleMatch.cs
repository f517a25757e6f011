namespace NewsWatch.Core.Rules;

/// <summary>One rule that matched one article.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Query">The rule's query as written.</param>
/// <param name="Count">How many times the rule's (positive) terms were found, title and body together.</param>
/// <param name="Terms">Per term and field, how often it was found.</param>
/// <param name="Snippets">The sentences that hold the hits, with the hits highlighted.</param>
public sealed record RuleMatch(
    string RuleId,
    string Query,
    int Count,
    IReadOnlyList<TermMatch> Terms,
    IReadOnlyList<Snippet> Snippets)
{
    /// <summary>Every hit that counts for the rule, by field then position: why it matched.</summary>
    public IReadOnlyList<RuleHit> Hits { get; init; } = [];
}

/// <summary>How often one term of a rule was found in one field ("title" or "body").</summary>
public sealed record TermMatch(string Term, string Field, int Count);

/// <summary>A sentence that holds hits. Offsets in <see cref="Highlights"/> are UTF-16 code units into <see cref="Text"/>.</summary>
public sealed record Snippet(string Field, string Text, IReadOnlyList<Highlight> Highlights);

/// <summary>One highlighted hit inside a snippet's text.</summary>
public sealed record Highlight(int Start, int Length);

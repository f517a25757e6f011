namespace NewsWatch.Core.Rules;

/// <summary>One hit of a rule's term: which term, in which field ("title" or "body"), and where.</summary>
/// <param name="Term">The term as written in the rule.</param>
/// <param name="Field">"title" or "body".</param>
/// <param name="Start">UTF-16 offset of the hit in the field's text (as <c>extract</c> prints it).</param>
/// <param name="Length">Length of the hit in UTF-16 code units.</param>
public sealed record RuleHit(string Term, string Field, int Start, int Length);

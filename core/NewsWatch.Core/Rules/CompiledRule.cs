namespace NewsWatch.Core.Rules;

/// <summary>A rule ready for matching: its parsed query and the terms whose hits it reports.</summary>
/// <param name="Definition">The rule as given.</param>
/// <param name="Root">The parsed query.</param>
/// <param name="PositiveTerms">Indexes of the terms that count as hits, in query order, each once.</param>
/// <param name="PositiveDisplays">How each of <paramref name="PositiveTerms"/> is written in this rule.</param>
/// <param name="PositiveFields">For each of <paramref name="PositiveTerms"/>, the fields its hits count in.</param>
internal sealed record CompiledRule(RuleDefinition Definition, QueryNode Root, int[] PositiveTerms, string[] PositiveDisplays, FieldMask[] PositiveFields);

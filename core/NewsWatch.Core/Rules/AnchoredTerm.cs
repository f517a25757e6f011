namespace NewsWatch.Core.Rules;

/// <summary>A term as found through its anchor word: the term, the anchor's index in it, and its word count.</summary>
/// <param name="Term">Index of the term in the rule set.</param>
/// <param name="Offset">Index of the anchor word within the term.</param>
/// <param name="Length">How many words the term has.</param>
internal readonly record struct AnchoredTerm(int Term, int Offset, int Length);

namespace NewsWatch.Core.Rules;

/// <summary>A term spelling as found through its anchor word.</summary>
/// <param name="Term">Index of the term in the rule set.</param>
/// <param name="Variant">Index of the spelling in the term's variants.</param>
/// <param name="Offset">Index of the anchor word within the spelling.</param>
/// <param name="Length">How many words the spelling has.</param>
internal readonly record struct AnchoredTerm(int Term, int Variant, int Offset, int Length);

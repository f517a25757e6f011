namespace NewsWatch.Core.Rules;

/// <summary>A term spelling as found through its anchor word (or anchor prefix), in 24 bytes: the layout before <see cref="AnchoredTerm"/>, kept for <see cref="RuleSet.Baseline"/>.</summary>
/// <param name="Term">Index of the term in the rule set.</param>
/// <param name="Variant">Index of the spelling in the term's variants.</param>
/// <param name="Offset">Index of the anchor word within the spelling.</param>
/// <param name="Length">How many words the spelling has.</param>
/// <param name="Words">Where the spelling's word codes start in the rule set's flat word array (multi-word spellings).</param>
/// <param name="Direct">Whether finding the anchor is a hit: one word, no case check.</param>
/// <param name="CaseSensitive">Whether a hit is re-checked against the original text with exact case and accents.</param>
internal readonly record struct AnchoredTermWide(int Term, int Variant, int Offset, int Length, int Words, bool Direct, bool CaseSensitive);

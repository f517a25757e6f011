namespace NewsWatch.Core.Rules;

/// <summary>A distinct term of a rule set (shared by every rule that uses it), ready for matching.</summary>
internal sealed class CompiledTerm
{
    public CompiledTerm(TermSpec spec, CompiledVariant[] variants)
    {
        Spec = spec;
        Variants = variants;
    }

    /// <summary>The term as first parsed.</summary>
    public TermSpec Spec { get; }

    /// <summary>Every spelling the term matches, the written one first.</summary>
    public CompiledVariant[] Variants { get; }

    /// <summary>Whether hits are re-checked against the original text with exact case and accents.</summary>
    public bool CaseSensitive => Spec.CaseSensitive;
}

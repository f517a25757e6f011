namespace NewsWatch.Core.Rules;

/// <summary>A distinct term of a rule set (shared by every rule that uses it), ready for matching.</summary>
internal sealed class CompiledTerm
{
    public CompiledTerm(TermSpec spec, int[] vocabIds)
    {
        Spec = spec;
        VocabIds = vocabIds;
        Prefixes = spec.Tokens.Select(t => t.Prefix ? t.Text : null).ToArray();
        var anchor = -1;
        var best = -1;
        for (var w = 0; w < vocabIds.Length; w++)
        {
            if (vocabIds[w] >= 0 && spec.Tokens[w].Text.Length > best)
            {
                anchor = w;
                best = spec.Tokens[w].Text.Length;
            }
        }

        if (anchor < 0)
        {
            for (var w = 0; w < vocabIds.Length; w++)
            {
                if (spec.Tokens[w].Text.Length > best)
                {
                    anchor = w;
                    best = spec.Tokens[w].Text.Length;
                }
            }
        }

        Anchor = anchor;
    }

    /// <summary>
    /// The word the term is indexed by: its longest exact word, or its longest prefix when it has no exact word.
    /// A long word is rarer than a short one, so a phrase like "the white house" is checked only where "white" is.
    /// </summary>
    public int Anchor { get; }

    /// <summary>The term as first parsed.</summary>
    public TermSpec Spec { get; }

    /// <summary>Per word of the term, its vocabulary id; -1 where the word is a prefix.</summary>
    public int[] VocabIds { get; }

    /// <summary>Per word of the term, the prefix a text word must start with; null for an exact word.</summary>
    public string?[] Prefixes { get; }

    /// <summary>How many words the term has.</summary>
    public int Length => VocabIds.Length;

    /// <summary>The rules in which this term counts as a hit (not under a NOT), ascending; filled while compiling.</summary>
    public List<int> PositiveRules { get; } = [];
}

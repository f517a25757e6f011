namespace NewsWatch.Core.Rules;

/// <summary>One spelling of a term: its words as vocabulary ids or prefixes, and the word it is indexed by.</summary>
internal sealed class CompiledVariant
{
    public CompiledVariant(IReadOnlyList<TermToken> tokens, int[] vocabIds)
    {
        VocabIds = vocabIds;
        Prefixes = tokens.Select(t => t.Prefix ? t.Text : null).ToArray();
        Originals = tokens.Select(t => t.Original ?? t.Text).ToArray();
        var anchor = -1;
        var best = -1;
        for (var w = 0; w < vocabIds.Length; w++)
        {
            if (vocabIds[w] >= 0 && tokens[w].Text.Length > best)
            {
                anchor = w;
                best = tokens[w].Text.Length;
            }
        }

        if (anchor < 0)
        {
            for (var w = 0; w < vocabIds.Length; w++)
            {
                if (tokens[w].Text.Length > best)
                {
                    anchor = w;
                    best = tokens[w].Text.Length;
                }
            }
        }

        Anchor = anchor;
    }

    /// <summary>
    /// The word the spelling is indexed by: its longest exact word, or its longest prefix when it has no exact word.
    /// A long word is rarer than a short one, so a phrase like "the white house" is checked only where "white" is.
    /// </summary>
    public int Anchor { get; }

    /// <summary>Per word, its vocabulary id; -1 where the word is a prefix.</summary>
    public int[] VocabIds { get; }

    /// <summary>Per word, the prefix a text word must start with; null for an exact word.</summary>
    public string?[] Prefixes { get; }

    /// <summary>Per word, how it was written (compared ordinally for case-sensitive terms).</summary>
    public string[] Originals { get; }

    /// <summary>How many words the spelling has.</summary>
    public int Length => VocabIds.Length;
}

namespace NewsWatch.Core.Rules;

/// <summary>
/// The spellings a term also matches, expanded once when rules are compiled (never per article): language
/// transcriptions (German <c>ü</c>/<c>ue</c>, Dutch <c>ij</c>/<c>y</c>) and closed compounds (<c>ceasefire</c>
/// also as <c>cease fire</c> and <c>cease-fire</c>, and <c>cease-fire</c> also as <c>ceasefire</c>).
/// </summary>
internal static class TermVariants
{
    /// <summary>Most spellings of one term, the written one included.</summary>
    public const int MaxVariants = 16;

    /// <summary>Each part of a split compound has at least this many letters ("ceasefire" → "cease fire", but not "now here").</summary>
    public const int MinCompoundPart = 4;

    /// <summary>Most words of a hyphenated compound that is closed up ("cease-fire" → "ceasefire").</summary>
    public const int MaxJoinedWords = 3;

    private static readonly string[] ElisionPrefixes =
        ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu", "quoiqu",
         "un", "dell", "all", "dall", "nell", "sull", "coll", "quest", "quell"];

    /// <summary>Every spelling of <paramref name="tokens"/> under <paramref name="options"/>, the written one first.</summary>
    public static IReadOnlyList<IReadOnlyList<TermToken>> Of(IReadOnlyList<TermToken> tokens, RuleOptions options, TokenBuffer buffer)
    {
        var result = new List<IReadOnlyList<TermToken>> { tokens };
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(tokens) };
        var language = options.PrimaryLanguage;
        if (language is "de" or "nl")
        {
            var combos = new List<List<TermToken>> { new(tokens.Count) };
            foreach (var token in tokens)
            {
                var alternatives = Alternatives(token, language, buffer);
                var next = new List<List<TermToken>>();
                foreach (var combo in combos)
                {
                    foreach (var alternative in alternatives)
                    {
                        if (next.Count < MaxVariants)
                        {
                            next.Add([.. combo, alternative]);
                        }
                    }
                }

                combos = next;
            }

            foreach (var combo in combos)
            {
                Add(result, seen, combo);
            }
        }

        if (options.Compounds)
        {
            foreach (var variant in result.ToArray())
            {
                if (Joined(variant) is { } joined)
                {
                    Add(result, seen, joined);
                }

                foreach (var split in Splits(variant))
                {
                    Add(result, seen, split);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Strips a French or Italian elided article or pronoun (<c>l'</c>, <c>d'</c>, <c>qu'</c>, <c>dell'</c>, ...)
    /// from the start of <paramref name="word"/> for a rule in those languages: <c>l'OTAN</c> matches <c>OTAN</c>.
    /// </summary>
    public static int ElisionLength(ReadOnlySpan<char> word, RuleOptions options)
    {
        if (options.PrimaryLanguage is not ("fr" or "it" or "ca"))
        {
            return 0;
        }

        var apostrophe = word.IndexOfAny('\'', '\u2019');
        if (apostrophe <= 0 || apostrophe == word.Length - 1)
        {
            return 0;
        }

        var prefix = word[..apostrophe].ToString().ToLowerInvariant();
        return ElisionPrefixes.Contains(prefix) ? apostrophe + 1 : 0;
    }

    private static void Add(List<IReadOnlyList<TermToken>> result, HashSet<string> seen, IReadOnlyList<TermToken> variant)
    {
        if (result.Count < MaxVariants && seen.Add(Key(variant)))
        {
            result.Add(variant);
        }
    }

    private static List<TermToken> Alternatives(TermToken token, string language, TokenBuffer buffer)
    {
        var result = new List<TermToken> { token };
        if (token.Original is null)
        {
            return result;
        }

        var lower = token.Original.ToLowerInvariant();
        IEnumerable<string> spellings = language == "de"
            ? [lower.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal),
               lower.Replace("ae", "a", StringComparison.Ordinal).Replace("oe", "o", StringComparison.Ordinal).Replace("ue", "u", StringComparison.Ordinal)]
            : [lower.Replace("ij", "y", StringComparison.Ordinal).Replace("\u0133", "y", StringComparison.Ordinal)];
        foreach (var spelling in spellings)
        {
            buffer.Tokenize(spelling);
            if (buffer.Count == 1)
            {
                var folded = buffer.Folded(0).ToString();
                if (folded != token.Text && result.TrueForAll(t => t.Text != folded))
                {
                    result.Add(token with { Text = folded });
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The spelling with every hyphenated compound of the rule closed up (<c>cease-fire talks</c> → <c>ceasefire
    /// talks</c>); null when there is none. A spaced phrase stays spaced: "off season" does not find "offseason".
    /// </summary>
    private static List<TermToken>? Joined(IReadOnlyList<TermToken> variant)
    {
        List<TermToken>? result = null;
        var i = 0;
        while (i < variant.Count)
        {
            var end = i;
            while (end < variant.Count - 1 && variant[end].HyphenNext && end - i + 1 < MaxJoinedWords)
            {
                end++;
            }

            var joinable = end > i;
            for (var k = i; k <= end && joinable; k++)
            {
                joinable = IsLetters(variant[k].Text) && (!variant[k].Prefix || k == end);
            }

            if (joinable)
            {
                result ??= [.. variant.Take(i)];
                var text = string.Concat(Enumerable.Range(i, end - i + 1).Select(k => variant[k].Text));
                result.Add(new TermToken(text, variant[end].Prefix));
            }
            else if (result is not null)
            {
                for (var k = i; k <= end; k++)
                {
                    result.Add(variant[k]);
                }
            }

            i = end + 1;
        }

        return result;
    }

    private static IEnumerable<IReadOnlyList<TermToken>> Splits(IReadOnlyList<TermToken> variant)
    {
        if (variant.Count != 1 || variant[0].Prefix || !IsLetters(variant[0].Text))
        {
            yield break;
        }

        var word = variant[0].Text;
        for (var k = MinCompoundPart; k <= word.Length - MinCompoundPart; k++)
        {
            yield return [new TermToken(word[..k], false), new TermToken(word[k..], false)];
        }
    }

    private static bool IsLetters(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Key(IReadOnlyList<TermToken> tokens) => string.Join(' ', tokens.Select(t => t.Prefix ? t.Text + "*" : t.Text));
}

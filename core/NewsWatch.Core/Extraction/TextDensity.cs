using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Text lengths as the page classifier weighs them: a Chinese or Japanese character (CJK ideographs, kana) or a Korean
/// syllable block says about as much as two Latin letters or more, so it counts twice. Otherwise a short article in
/// those scripts, whose paragraphs are half as many characters as their English translation, reads as a teaser or a
/// stub. Latin, Cyrillic, Greek and the rest count one per character, as before.
/// </summary>
internal static class TextDensity
{
    /// <summary>The weight of <paramref name="c"/>: 2 for CJK ideographs, kana and Hangul syllables, else 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Weight(char c) => IsDense(c) ? 2 : 1;

    /// <summary>Whether <paramref name="c"/> is a CJK ideograph (with extension A and the compatibility block), a kana, or a Hangul syllable.</summary>
    public static bool IsDense(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF')
            or (>= '\uF900' and <= '\uFAFF');

    /// <summary>The weighted count of the characters of <paramref name="s"/> that are not white space.</summary>
    public static int Visible(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (!char.IsWhiteSpace(c))
            {
                n += Weight(c);
            }
        }

        return n;
    }

    /// <summary>The weighted length of <paramref name="s"/>, white space included (one each).</summary>
    public static int Length(ReadOnlySpan<char> s)
    {
        var n = s.Length;
        foreach (var c in s)
        {
            n += IsDense(c) ? 1 : 0;
        }

        return n;
    }
}

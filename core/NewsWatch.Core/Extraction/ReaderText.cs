using System.Text;

namespace NewsWatch.Core.Extraction;

/// <summary>
/// Text as a reader sees it: without the characters that print nothing (soft hyphens, zero-width spaces,
/// word joiners, byte order marks, control characters) and in Unicode NFC, so that a phrase typed by a
/// user matches it.
/// </summary>
internal static class ReaderText
{
    /// <summary>Whether <paramref name="c"/> prints nothing and is dropped from the text.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u00AD' or '\u200B' or '\u2060' or '\uFEFF' or '\u180E' or '\u200E' or '\u200F'
        || (c < ' ' && c is not ('\t' or '\n' or '\r' or '\f'))
        || c is >= '\u007F' and <= '\u009F';

    /// <summary>Appends <paramref name="s"/> without its invisible characters.</summary>
    public static void AppendVisible(StringBuilder sb, string s)
    {
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (IsInvisible(s[i]))
            {
                sb.Append(s, start, i - start);
                start = i + 1;
            }
        }

        sb.Append(s, start, s.Length - start);
    }

    /// <summary>The text without invisible characters, lone surrogates replaced, in NFC.</summary>
    public static string Clean(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (!IsInvisible(c))
            {
                sb.Append(c);
            }
        }

        var clean = sb.ToString();
        return clean.IsNormalized(NormalizationForm.FormC) ? clean : clean.Normalize(NormalizationForm.FormC);
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Per-UTF-16-code-unit class and folded form, built once: NFKC, invariant lower case, Latin and Greek
/// diacritics removed (é → e), ё → е but й kept apart from и, İ and ı → i, ß → ss, soft hyphen ignored.
/// The tables are filled in the static constructor and never written again.
/// </summary>
internal static class FoldTable
{
    private static readonly CharKind[] Kinds = new CharKind[65536];
    private static readonly char[] Folded = new char[65536];
    private static readonly uint[] Infos = new uint[65536];
    private static readonly Dictionary<char, string> Expansions = [];

    static FoldTable()
    {
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            var (kind, folded) = Classify(c);
            Kinds[i] = kind;
            if (kind == CharKind.Expand)
            {
                Expansions[c] = folded;
            }
            else if (folded.Length == 1)
            {
                Folded[i] = folded[0];
            }

            Infos[i] = ((uint)kind << 16) | Folded[i];
        }

        AsciiIsPlain = true;
        for (var c = (char)0; c < 128; c++)
        {
            var alphanumeric = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
            var expected = alphanumeric ? ((uint)CharKind.Word << 16) | char.ToLowerInvariant(c) : (uint)CharKind.Separator << 16;
            AsciiIsPlain &= Infos[c] == expected;
        }
    }

    /// <summary>
    /// Whether every ASCII letter and digit is a word char folded to lower case and every other ASCII char a
    /// separator (checked once against the table): what the 16-chars-at-once path of the tokenizer relies on.
    /// </summary>
    public static bool AsciiIsPlain { get; }

    /// <summary>The class (high 16 bits) and folded char (low 16 bits) of <paramref name="c"/>, in one load.</summary>
    public static uint InfoOf(char c) => Infos[c];

    /// <summary>The first entry of the table behind <see cref="InfoOf"/> (65,536 entries), for loops that index it without bounds checks.</summary>
    public static ref uint InfoTable => ref MemoryMarshal.GetArrayDataReference(Infos);

    /// <summary>The class of <paramref name="c"/>.</summary>
    public static CharKind KindOf(char c) => Kinds[c];

    /// <summary>The folded char of a <see cref="CharKind.Word"/> or <see cref="CharKind.Single"/> char.</summary>
    public static char FoldOf(char c) => Folded[c];

    /// <summary>The folded chars of an <see cref="CharKind.Expand"/> char.</summary>
    public static string ExpansionOf(char c) => Expansions[c];

    /// <summary>
    /// Whether a combining mark is a diacritic that folding drops: the combining diacritics block (Latin, Greek),
    /// Hebrew points and Arabic harakat. Marks that are letters' vowels in Indic scripts are kept.
    /// </summary>
    public static bool IsDroppedMark(char c) =>
        c is (>= '\u0300' and <= '\u036F') or (>= '\u0591' and <= '\u05C7') or (>= '\u064B' and <= '\u065F') or '\u0670';

    private static (CharKind Kind, string Folded) Classify(char c)
    {
        if (char.IsSurrogate(c))
        {
            return (CharKind.Surrogate, string.Empty);
        }

        switch (c)
        {
            case '\u00AD' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u200E' or '\u200F':
                return (CharKind.Ignore, string.Empty);
            case '\u200B':
                return (CharKind.Separator, string.Empty);
            case '\u0130' or '\u0131':
                return (CharKind.Word, "i");
            case '\u00DF' or '\u1E9E':
                return (CharKind.Expand, "ss");
            case '\u00C6' or '\u00E6':
                return (CharKind.Expand, "ae");
            case '\u0152' or '\u0153':
                return (CharKind.Expand, "oe");
            case '\u00D8' or '\u00F8':
                return (CharKind.Word, "o");
            case '\u0110' or '\u0111':
                return (CharKind.Word, "d");
            case '\u0141' or '\u0142':
                return (CharKind.Word, "l");
            case '\u0126' or '\u0127':
                return (CharKind.Word, "h");
            case '\u03C2':
                return (CharKind.Word, "\u03C3");
            case '\u0419':
                return (CharKind.Word, "\u0439");
            case '\u0401' or '\u0451':
                return (CharKind.Word, "\u0435");
        }

        var category = char.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return (CharKind.Mark, string.Empty);
        }

        if (category == UnicodeCategory.Format)
        {
            return (CharKind.Ignore, string.Empty);
        }

        var isWord = char.IsLetterOrDigit(c) || category is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
        if (!isWord)
        {
            return (CharKind.Separator, string.Empty);
        }

        var folded = Fold(c);
        if (IsSpacelessScript(c))
        {
            return folded.Length == 1 ? (CharKind.Single, folded) : (CharKind.Single, c.ToString());
        }

        return folded.Length switch
        {
            0 => (CharKind.Ignore, string.Empty),
            1 => (CharKind.Word, folded),
            _ => (CharKind.Expand, folded),
        };
    }

    private static string Fold(char c)
    {
        string s;
        try
        {
            s = c.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            s = c.ToString();
        }

        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var lower = ch switch
            {
                '\u0130' or '\u0131' => 'i',
                _ => char.ToLowerInvariant(ch),
            };
            sb.Append(lower);
        }

        var lowered = sb.ToString();
        sb.Clear();
        foreach (var ch in lowered)
        {
            if (IsLatinOrGreek(ch))
            {
                var decomposed = ch.ToString().Normalize(NormalizationForm.FormD);
                foreach (var d in decomposed)
                {
                    if (!IsDroppedMark(d) && char.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    {
                        sb.Append(d);
                    }
                }
            }
            else if (char.IsLetterOrDigit(ch) || char.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark
                         or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber)
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static bool IsLatinOrGreek(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '\u00C0' and <= '\u024F') or (>= '\u1E00' and <= '\u1EFF')
            or (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF');

    private static bool IsSpacelessScript(char c) =>
        c is (>= '\u3040' and <= '\u30FF') // Hiragana, Katakana
            or (>= '\u31F0' and <= '\u31FF') // Katakana phonetic extensions
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
            or (>= '\uFF66' and <= '\uFF9F'); // half-width Katakana
}

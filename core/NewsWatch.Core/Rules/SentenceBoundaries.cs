using System.Buffers;
using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Finds the sentence around a position: sentences end at . ! ? … (and their CJK forms) followed by space,
/// and at line breaks. A period does not end a sentence after a single letter (U.S., J. Smith), after a common
/// abbreviation (Mr., Gen., Jan.), inside a number (3.5), or when the next word starts in lower case.
/// </summary>
internal static class SentenceBoundaries
{
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
        "cmdr", "adm", "maj", "pres", "rev", "hon", "vs", "no", "nos", "vol", "fig", "approx", "ave", "mt", "ft",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd",
        "co", "dept", "univ", "est", "cf", "al");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> Terminators =
        SearchValues.Create(".!?\u2026\n\r\u2028\u2029\u3002\uFF01\uFF1F");

    // The ASCII terminators; the others are all at or above U+2026 (see IndexOfTerminator).
    private static readonly SearchValues<char> AsciiTerminators = SearchValues.Create(".!?\n\r");

    /// <summary>
    /// The first terminator in <paramref name="span"/>, or -1: the ASCII ones by one vectorised search, the others
    /// by a range search for chars from U+2026 up (rare in Latin-script text) before the first ASCII one. The same
    /// as <c>IndexOfAny(Terminators)</c>, which takes a slower path for the whole span once it meets any non-ASCII
    /// char (a curly quote).
    /// </summary>
    internal static int IndexOfTerminator(ReadOnlySpan<char> span)
    {
        var ascii = span.IndexOfAny(AsciiTerminators);
        var head = ascii < 0 ? span : span[..ascii];
        var offset = 0;
        while (true)
        {
            var wide = head.IndexOfAnyInRange('\u2026', '\uFFFF');
            if (wide < 0)
            {
                return ascii;
            }

            if (IsWideTerminator(head[wide]))
            {
                return offset + wide;
            }

            offset += wide + 1;
            head = head[(wide + 1)..];
        }
    }

    /// <summary>The last terminator in <paramref name="span"/>, or -1 (see <see cref="IndexOfTerminator"/>).</summary>
    internal static int LastIndexOfTerminator(ReadOnlySpan<char> span)
    {
        var ascii = span.LastIndexOfAny(AsciiTerminators);
        var tail = span[(ascii + 1)..];
        while (true)
        {
            var wide = tail.LastIndexOfAnyInRange('\u2026', '\uFFFF');
            if (wide < 0)
            {
                return ascii;
            }

            if (IsWideTerminator(tail[wide]))
            {
                return ascii + 1 + wide;
            }

            tail = tail[..wide];
        }
    }

    /// <summary>
    /// The first terminator in <paramref name="span"/>, or -1: the same as <see cref="IndexOfTerminator"/> in one
    /// vectorised pass (round results17) that finds the ASCII terminators (with \v and \f) and every char from
    /// U+2026 up at once; the few of those that are no terminator are passed over by an exact test.
    /// </summary>
    internal static int IndexOfTerminatorFused(ReadOnlySpan<char> span)
    {
        if (!Vector512.IsHardwareAccelerated || span.Length < Vector512<ushort>.Count)
        {
            return IndexOfTerminator(span);
        }

        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
        var last = span.Length - Vector512<ushort>.Count;
        for (var i = 0; ; i += Vector512<ushort>.Count)
        {
            // The last step overlaps the one before (whose places held no terminator).
            i = Math.Min(i, last);
            for (var found = Candidates512(Vector512.LoadUnsafe(ref start, (nuint)i)); found != 0; found &= found - 1)
            {
                var place = i + BitOperations.TrailingZeroCount(found);
                if (IsTerminator(span[place]))
                {
                    return place;
                }
            }

            if (i == last)
            {
                return -1;
            }
        }
    }

    /// <summary>The last terminator in <paramref name="span"/>, or -1 (see <see cref="IndexOfTerminatorFused"/>).</summary>
    internal static int LastIndexOfTerminatorFused(ReadOnlySpan<char> span)
    {
        if (!Vector512.IsHardwareAccelerated || span.Length < Vector512<ushort>.Count)
        {
            return LastIndexOfTerminator(span);
        }

        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
        for (var i = span.Length - Vector512<ushort>.Count; ; i -= Vector512<ushort>.Count)
        {
            // The last step (from the end) overlaps the one before.
            i = Math.Max(i, 0);
            for (var found = Candidates512(Vector512.LoadUnsafe(ref start, (nuint)i)); found != 0;)
            {
                var lane = 63 - BitOperations.LeadingZeroCount(found);
                if (IsTerminator(span[i + lane]))
                {
                    return i + lane;
                }

                found &= ~(1UL << lane);
            }

            if (i == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>A bit per lane of <paramref name="v"/> that may hold a terminator: . ! ? \n \v \f \r and every char from U+2026 up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Candidates512(Vector512<ushort> v) =>
        (Vector512.Equals(v, Vector512.Create((ushort)'.'))
        | Vector512.Equals(v, Vector512.Create((ushort)'!'))
        | Vector512.Equals(v, Vector512.Create((ushort)'?'))
        | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)'\n'), Vector512.Create((ushort)('\r' - '\n')))
        | Vector512.GreaterThanOrEqual(v, Vector512.Create((ushort)'\u2026'))).ExtractMostSignificantBits();

    /// <summary>Whether <paramref name="c"/> is one of <see cref="Terminators"/>.</summary>
    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '\n' or '\r' || IsWideTerminator(c);

    /// <summary>
    /// The start of the sentence that holds <paramref name="position"/>, searching back no further than
    /// <paramref name="limit"/> (<paramref name="fast"/>: by <see cref="LastIndexOfTerminatorFused"/>, else by a
    /// plain search for every terminator; with <paramref name="memo"/>, as <see cref="SnippetBuilder"/> calls it,
    /// each terminator of field <paramref name="field"/> is tested once per article; the tests' reference takes
    /// neither, testing each terminator each time it is met).
    /// </summary>
    public static int StartBefore(string text, int position, int limit, bool fast = false, SentenceMemo? memo = null, int field = 0)
    {
        var i = position;
        while (i > limit)
        {
            var found = fast ? LastIndexOfTerminatorFused(text.AsSpan(limit, i - limit)) : text.AsSpan(limit, i - limit).LastIndexOfAny(Terminators);
            if (found < 0)
            {
                break;
            }

            i = limit + found;
            if (memo is null ? EndsSentence(text, i) : memo.EndsSentence(text, field, i))
            {
                // After a line break the next sentence starts at once: a quote there opens it (closers follow only a
                // sentence's own end mark, as in EndAfter).
                if (text[i] is '\n' or '\r' or '\u2028' or '\u2029')
                {
                    return i + 1;
                }

                var j = i + 1;
                while (j < position && IsCloser(text[j]))
                {
                    j++;
                }

                return j;
            }
        }

        return limit;
    }

    /// <summary>The end (exclusive) of the sentence that holds <paramref name="position"/>, searching on no further than <paramref name="limit"/> (see <see cref="StartBefore"/>).</summary>
    public static int EndAfter(string text, int position, int limit, bool fast = false, SentenceMemo? memo = null, int field = 0)
    {
        var i = position;
        while (i < limit)
        {
            var found = fast ? IndexOfTerminatorFused(text.AsSpan(i, limit - i)) : text.AsSpan(i, limit - i).IndexOfAny(Terminators);
            if (found < 0)
            {
                break;
            }

            i += found;
            if (memo is null ? EndsSentence(text, i) : memo.EndsSentence(text, field, i))
            {
                if (text[i] is '\n' or '\r' or '\u2028' or '\u2029')
                {
                    return i;
                }

                var j = i + 1;
                while (j < text.Length && IsCloser(text[j]))
                {
                    j++;
                }

                return j;
            }

            i++;
        }

        return limit;
    }

    private static bool IsWideTerminator(char c) => c is '\u2026' or '\u2028' or '\u2029' or '\u3002' or '\uFF01' or '\uFF1F';

    private static bool IsCloser(char c) =>
        c is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']' or '\u00BB' or '.' or '!' or '?' or '\u2026';

    internal static bool EndsSentence(string text, int i)
    {
        var c = text[i];
        if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u3002' or '\uFF01' or '\uFF1F')
        {
            return true;
        }

        var j = i + 1;
        while (j < text.Length && IsCloser(text[j]))
        {
            j++;
        }

        if (j < text.Length && !char.IsWhiteSpace(text[j]))
        {
            return false;
        }

        if (c != '.')
        {
            return true;
        }

        var k = i;
        while (k > 0 && char.IsLetter(text[k - 1]))
        {
            k--;
        }

        var word = text.AsSpan(k, i - k);
        if (word.Length == 1 || AbbreviationLookup.Contains(word))
        {
            return false;
        }

        while (j < text.Length && text[j] is ' ' or '\t' or '\u00A0')
        {
            j++;
        }

        return j >= text.Length || !char.IsLower(text[j]);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Turns a rule's sorted hits into at most <see cref="MaxSnippets"/> snippets: the sentence around the hits
/// (whitespace runs collapsed, soft hyphens dropped, trimmed to a window of about <see cref="MaxLength"/>
/// chars with "…" when the sentence is longer), hits in one sentence merged into one snippet.
/// </summary>
internal static class SnippetBuilder
{
    /// <summary>Most snippets per rule.</summary>
    public const int MaxSnippets = 3;

    /// <summary>Longest snippet text, in chars, before the window is cut (ellipses excluded).</summary>
    public const int MaxLength = 300;

    private const int ContextBefore = 100;

    /// <summary>Windows shorter than this are built on the stack.</summary>
    private const int StackLimit = 1024;

    /// <summary>
    /// Builds the snippets for <paramref name="hits"/>, which are sorted by field then position, into an array of
    /// the exact size; the window texts come from (and go to) <paramref name="cache"/>, the sentence bounds from
    /// <see cref="SentenceBoundaries"/>' vectorised terminator search, each terminator's verdict kept for the article in
    /// the cache's <see cref="SnippetCache.Sentences"/>.
    /// </summary>
    public static Snippet[] Build(string? title, string body, ReadOnlySpan<TermHit> hits, SnippetCache cache)
    {
        if (hits.IsEmpty)
        {
            return [];
        }

        Snippet? first = null;
        Snippet? second = null;
        var count = 0;
        var ranges = cache.Ranges;
        var rangeCount = 0;
        var field = -1;
        var winStart = 0;
        var winEnd = 0;
        var sentStart = 0;
        var sentEnd = 0;
        foreach (var hit in hits)
        {
            if (hit.Field == field && hit.Start >= winStart && hit.End <= winEnd)
            {
                ref var last = ref ranges[rangeCount - 1];
                if (hit.Start >= last.End)
                {
                    if (rangeCount == ranges.Length)
                    {
                        ranges = cache.GrowRanges();
                    }

                    ranges[rangeCount++] = (hit.Start, hit.End);
                }
                else if (hit.End > last.End)
                {
                    last.End = hit.End;
                }

                continue;
            }

            if (field >= 0)
            {
                var snippet = Emit(field == 0 ? title! : body, field, winStart, winEnd, sentStart, sentEnd, ranges.AsSpan(0, rangeCount), cache);
                switch (count++)
                {
                    case 0:
                        first = snippet;
                        break;
                    case 1:
                        second = snippet;
                        break;
                    default:
                        return [first!, second!, snippet];
                }
            }

            var text = hit.Field == 0 ? title! : body;
            field = hit.Field;
            var memo = cache.Sentences;
            sentStart = SentenceBoundaries.StartBefore(text, hit.Start, Math.Max(0, hit.Start - (2 * MaxLength)), fast: true, memo, field);
            sentEnd = SentenceBoundaries.EndAfter(text, hit.End, Math.Min(text.Length, hit.End + (2 * MaxLength)), fast: true, memo, field);
            (winStart, winEnd) = Window(text, hit, sentStart, sentEnd);
            ranges[0] = (hit.Start, hit.End);
            rangeCount = 1;
        }

        var final = Emit(field == 0 ? title! : body, field, winStart, winEnd, sentStart, sentEnd, ranges.AsSpan(0, rangeCount), cache);
        return count switch
        {
            0 => [final],
            1 => [first!, final],
            _ => [first!, second!, final],
        };
    }

    private static (int Start, int End) Window(string text, TermHit hit, int sentStart, int sentEnd)
    {
        if (sentEnd - sentStart <= MaxLength)
        {
            return (sentStart, sentEnd);
        }

        var start = Math.Max(sentStart, hit.Start - ContextBefore);
        if (start > sentStart)
        {
            var space = text.AsSpan(start, hit.Start - start).IndexOfAny(' ', '\n', '\u00A0');
            start = space >= 0 ? start + space + 1 : hit.Start;
        }

        var end = Math.Min(sentEnd, Math.Max(hit.End, start + MaxLength));
        if (end < sentEnd)
        {
            var space = text.AsSpan(hit.End, end - hit.End).LastIndexOfAny(' ', '\n', '\u00A0');
            end = space >= 0 ? hit.End + space : hit.End;
        }

        return (start, end);
    }

    private static Snippet Emit(string text, int field, int winStart, int winEnd, int sentStart, int sentEnd, ReadOnlySpan<(int Start, int End)> ranges, SnippetCache cache)
    {
        var ellipses = (winStart > sentStart ? 1 : 0) | (winEnd < sentEnd ? 2 : 0);
        var key = field | (ellipses << 1);
        var index = cache.Find(winStart, winEnd, key);
        var entry = index >= 0 ? cache.At(index) : cache.At(cache.Add(winStart, winEnd, key, Build(text, winStart, winEnd, ellipses, cache)));
        return Highlighted(field, entry, ranges, cache);
    }

    /// <summary>The snippet of <paramref name="entry"/> with <paramref name="ranges"/> (source offsets) highlighted.</summary>
    private static Snippet Highlighted(int field, in SnippetCache.Entry entry, ReadOnlySpan<(int Start, int End)> ranges, SnippetCache cache)
    {
        var highlights = new Highlight[ranges.Length];
        for (var h = 0; h < ranges.Length; h++)
        {
            var (start, end) = ranges[h];
            var from = cache.Map(entry, start - entry.TrimmedStart);
            highlights[h] = new Highlight(from, cache.Map(entry, end - entry.TrimmedStart) - from);
        }

        return new Snippet(field == 0 ? "title" : "body", entry.Text, highlights);
    }

    /// <summary>The snippet text of a window: white space trimmed and runs collapsed, soft hyphens dropped, "…" where the sentence goes on.</summary>
    private static SnippetCache.Entry Build(string text, int winStart, int winEnd, int ellipses, SnippetCache cache)
    {
        var s = winStart;
        var e = winEnd;
        while (s < e && (char.IsWhiteSpace(text[s]) || text[s] == '\u00AD'))
        {
            s++;
        }

        while (e > s && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] == '\u00AD'))
        {
            e--;
        }

        var length = e - s;
        var source = text.AsSpan(s, length);
        var lead = (ellipses & 1) != 0 ? 1 : 0;
        if (!NeedsRewriteLean(source))
        {
            // Nothing to collapse or drop (the common case): the text is the source, offsets shifted by the lead "…".
            var plain = (ellipses & 1) != 0
                ? (ellipses & 2) != 0 ? string.Concat("\u2026", source, "\u2026") : string.Concat("\u2026", source)
                : (ellipses & 2) != 0 ? string.Concat(source, "\u2026") : new string(source);
            return new SnippetCache.Entry(plain, s, -1, lead);
        }

        Span<int> map = length < StackLimit ? stackalloc int[length + 1] : new int[length + 1];
        Span<char> chars = length < StackLimit ? stackalloc char[length + 2] : new char[length + 2];
        var n = 0;
        if ((ellipses & 1) != 0)
        {
            chars[n++] = '\u2026';
        }

        for (var i = 0; i < source.Length; i++)
        {
            map[i] = n;
            var c = source[i];
            if (c == '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (n > 0 && chars[n - 1] != ' ')
                {
                    chars[n++] = ' ';
                }

                continue;
            }

            chars[n++] = c;
        }

        map[length] = n;
        if ((ellipses & 2) != 0)
        {
            chars[n++] = '\u2026';
        }

        return new SnippetCache.Entry(new string(chars[..n]), s, cache.StoreMap(map), lead);
    }

    /// <summary>
    /// Whether a window's text needs rewriting: a char of <see cref="SnippetCache.Special"/> or two spaces in a
    /// row, found by one vectorised pass (the exact test runs only from the first candidate on). The same as
    /// <c>IndexOfAny(SnippetCache.Special) &gt;= 0 || IndexOf("  ") &gt;= 0</c>, whose set (with chars above
    /// U+007F) .NET searches by a probabilistic map, leaving its vectorised path at every curly quote or dash.
    /// </summary>
    internal static bool NeedsRewrite(ReadOnlySpan<char> source)
    {
        var first = Vector512.IsHardwareAccelerated && source.Length > Vector512<ushort>.Count ? Candidate512(source)
            : Vector256.IsHardwareAccelerated && source.Length > Vector256<ushort>.Count ? Candidate256(source)
            : 0;
        if (first < 0)
        {
            return false;
        }

        var rest = source[first..];
        return rest.IndexOfAny(SnippetCache.Special) >= 0 || rest.IndexOf("  ", StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// The same as <see cref="NeedsRewrite"/> with a cheaper vector test (round results17's second step): control
    /// chars, two spaces, and the ranges U+0080..U+00AD, U+2000..U+200A and U+2028..U+205F besides U+1680 and
    /// U+3000 (a superset of the set's wide chars, but none of the curly quotes, dashes or "…"); each candidate
    /// then tested exactly.
    /// </summary>
    internal static bool NeedsRewriteLean(ReadOnlySpan<char> source)
    {
        if (!Vector512.IsHardwareAccelerated || source.Length <= Vector512<ushort>.Count)
        {
            return NeedsRewrite(source);
        }

        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
        var last = source.Length - Vector512<ushort>.Count - 1;
        var space = Vector512.Create((ushort)' ');
        for (var i = 0; ; i += Vector512<ushort>.Count)
        {
            // As in Candidate512: the steps end one char early, the last overlapping the one before.
            i = Math.Min(i, last);
            var v = Vector512.LoadUnsafe(ref start, (nuint)i);
            var next = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
            var candidates = (Vector512.LessThan(v, space)
                | (Vector512.Equals(v, space) & Vector512.Equals(next, space))
                | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x80), Vector512.Create((ushort)(0xAD - 0x80)))
                | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x2000), Vector512.Create((ushort)0x0A))
                | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x2028), Vector512.Create((ushort)(0x205F - 0x2028)))
                | Vector512.Equals(v, Vector512.Create((ushort)0x1680))
                | Vector512.Equals(v, Vector512.Create((ushort)0x3000))).ExtractMostSignificantBits();
            for (; candidates != 0; candidates &= candidates - 1)
            {
                var place = i + BitOperations.TrailingZeroCount(candidates);
                var c = source[place];
                if (c == ' ' || SnippetCache.Special.Contains(c))
                {
                    // A space is a candidate only before another.
                    return true;
                }
            }

            if (i == last)
            {
                return SnippetCache.Special.Contains(source[^1]);
            }
        }
    }

    /// <summary>
    /// The first place of <paramref name="source"/> (longer than one vector) that may need rewriting, or -1: a
    /// control char, a space followed by a space, or one of the wide chars of <see cref="SnippetCache.Special"/>.
    /// </summary>
    private static int Candidate512(ReadOnlySpan<char> source)
    {
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));

        // Each step reads a vector and the vector one char on (for two spaces in a row), so the steps end one char
        // early (the last overlapping the one before) and the last char is tested alone.
        var last = source.Length - Vector512<ushort>.Count - 1;
        var space = Vector512.Create((ushort)' ');
        for (var i = 0; ; i += Vector512<ushort>.Count)
        {
            i = Math.Min(i, last);
            var v = Vector512.LoadUnsafe(ref start, (nuint)i);
            var next = Vector512.LoadUnsafe(ref start, (nuint)(i + 1));
            var hit = Vector512.LessThan(v, space)
                | (Vector512.Equals(v, space) & Vector512.Equals(next, space))
                | (Vector512.GreaterThan(v, Vector512.Create((ushort)0x7E)) & Wide512(v));
            if (hit != Vector512<ushort>.Zero)
            {
                return i + BitOperations.TrailingZeroCount(hit.ExtractMostSignificantBits());
            }

            if (i == last)
            {
                return MayNeedRewrite(source[^1]) ? source.Length - 1 : -1;
            }
        }
    }

    /// <summary>As <see cref="Candidate512"/>, in 256-bit vectors.</summary>
    private static int Candidate256(ReadOnlySpan<char> source)
    {
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(source));
        var last = source.Length - Vector256<ushort>.Count - 1;
        var space = Vector256.Create((ushort)' ');
        for (var i = 0; ; i += Vector256<ushort>.Count)
        {
            i = Math.Min(i, last);
            var v = Vector256.LoadUnsafe(ref start, (nuint)i);
            var next = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
            var hit = Vector256.LessThan(v, space)
                | (Vector256.Equals(v, space) & Vector256.Equals(next, space))
                | (Vector256.GreaterThan(v, Vector256.Create((ushort)0x7E)) & Wide256(v));
            if (hit != Vector256<ushort>.Zero)
            {
                return i + BitOperations.TrailingZeroCount(hit.ExtractMostSignificantBits());
            }

            if (i == last)
            {
                return MayNeedRewrite(source[^1]) ? source.Length - 1 : -1;
            }
        }
    }

    /// <summary>Whether a single char may be one of <see cref="SnippetCache.Special"/> (any but printable ASCII).</summary>
    private static bool MayNeedRewrite(char c) => c < 0x20 || c > 0x7E;

    /// <summary>The chars above U+007E of <see cref="SnippetCache.Special"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Wide512(Vector512<ushort> v) =>
        Vector512.Equals(v, Vector512.Create((ushort)0x85))
        | Vector512.Equals(v, Vector512.Create((ushort)0xA0))
        | Vector512.Equals(v, Vector512.Create((ushort)0xAD))
        | Vector512.Equals(v, Vector512.Create((ushort)0x1680))
        | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x2000), Vector512.Create((ushort)0x0A))
        | Vector512.LessThanOrEqual(v - Vector512.Create((ushort)0x2028), Vector512.Create((ushort)0x01))
        | Vector512.Equals(v, Vector512.Create((ushort)0x202F))
        | Vector512.Equals(v, Vector512.Create((ushort)0x205F))
        | Vector512.Equals(v, Vector512.Create((ushort)0x3000));

    /// <summary>As <see cref="Wide512"/>, in 256-bit vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Wide256(Vector256<ushort> v) =>
        Vector256.Equals(v, Vector256.Create((ushort)0x85))
        | Vector256.Equals(v, Vector256.Create((ushort)0xA0))
        | Vector256.Equals(v, Vector256.Create((ushort)0xAD))
        | Vector256.Equals(v, Vector256.Create((ushort)0x1680))
        | Vector256.LessThanOrEqual(v - Vector256.Create((ushort)0x2000), Vector256.Create((ushort)0x0A))
        | Vector256.LessThanOrEqual(v - Vector256.Create((ushort)0x2028), Vector256.Create((ushort)0x01))
        | Vector256.Equals(v, Vector256.Create((ushort)0x202F))
        | Vector256.Equals(v, Vector256.Create((ushort)0x205F))
        | Vector256.Equals(v, Vector256.Create((ushort)0x3000));
}

using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A term spelling as found through its anchor word (or anchor prefix), in 16 bytes (four to a cache line): the
/// term, where the spelling's word codes start, and the hash of one other word of a phrase, so that a phrase whose
/// anchor is in the text but whose neighbour is not is turned away without reading the rule set's word codes or
/// vocabulary (two likely cache misses).
/// </summary>
internal readonly struct AnchoredTerm
{
    /// <summary>The most words a spelling may have (its offset and length are 14-bit fields).</summary>
    public const int MaxLength = (1 << 14) - 1;

    private const int LengthShift = 14;
    private const int FieldMask = MaxLength;
    private const int CaseBit = 1 << 28;
    private const int OtherBit = 1 << 29;

    private readonly int _info;

    /// <summary>A spelling of <paramref name="length"/> words (at most <see cref="MaxLength"/>) anchored at word <paramref name="offset"/>.</summary>
    /// <param name="term">Index of the term in the rule set.</param>
    /// <param name="offset">Index of the anchor word within the spelling.</param>
    /// <param name="length">How many words the spelling has.</param>
    /// <param name="words">Where the spelling's word codes start in the rule set's flat word array (multi-word spellings), else -1.</param>
    /// <param name="caseSensitive">Whether a hit is re-checked against the original text with exact case and accents.</param>
    /// <param name="otherHash">The <see cref="VocabularyTable.Hash"/> of the word at <see cref="OtherIndex"/>, when that word is an exact word (not a prefix).</param>
    public AnchoredTerm(int term, int offset, int length, int words, bool caseSensitive, uint? otherHash)
    {
        if ((uint)length > MaxLength || (uint)offset >= (uint)length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"a spelling has 1 to {MaxLength} words");
        }

        Term = term;
        Words = words;
        OtherHash = otherHash ?? 0;
        _info = offset | (length << LengthShift) | (caseSensitive ? CaseBit : 0) | (otherHash.HasValue ? OtherBit : 0);
    }

    /// <summary>Index of the term in the rule set.</summary>
    public int Term { get; }

    /// <summary>Where the spelling's word codes start in the rule set's flat word array (multi-word spellings), else -1.</summary>
    public int Words { get; }

    /// <summary>The hash of the word at <see cref="OtherIndex"/> (when <see cref="HasOther"/>).</summary>
    public uint OtherHash { get; }

    /// <summary>Index of the anchor word within the spelling.</summary>
    public int Offset
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _info & FieldMask;
    }

    /// <summary>How many words the spelling has.</summary>
    public int Length
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_info >> LengthShift) & FieldMask;
    }

    /// <summary>Whether finding the anchor is a hit: one word, no case check.</summary>
    public bool Direct
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_info & ((FieldMask << LengthShift) | CaseBit)) == 1 << LengthShift;
    }

    /// <summary>Whether a hit is re-checked against the original text with exact case and accents.</summary>
    public bool CaseSensitive => (_info & CaseBit) != 0;

    /// <summary>Whether <see cref="OtherHash"/> holds the hash of the word at <see cref="OtherIndex"/>.</summary>
    public bool HasOther
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_info & OtherBit) != 0;
    }

    /// <summary>The word of a phrase checked first: the one before the anchor, or the one after an anchor that comes first.</summary>
    public int OtherIndex
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => OtherIndexOf(Offset);
    }

    /// <summary><see cref="OtherIndex"/> for a spelling anchored at <paramref name="offset"/>.</summary>
    public static int OtherIndexOf(int offset) => offset == 0 ? 1 : offset - 1;
}

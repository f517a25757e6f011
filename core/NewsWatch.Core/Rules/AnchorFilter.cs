using System.Numerics;
using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// The word filter and the pair filter in one table, keyed by the anchoring word: a blocked Bloom filter of 64-bit
/// blocks, each chosen by a word's <see cref="VocabularyTable.Hash"/>, whose low half holds three bits of each word
/// that is probed alone (a one-word spelling's anchor) and whose high half holds, for each phrase anchored on a word
/// of the block, three bits of the phrase word beside it: from one field of the neighbour's hash when the
/// neighbour is on the right, from another when it is on the left. So one load of a word's block tells whether the
/// word may anchor a spelling by itself or with the words before and after it in the text, and a passing word is
/// always the anchor itself (a false positive is probed and confirmed as before, never a miss). Immutable after
/// construction.
/// </summary>
internal sealed class AnchorFilter
{
    private readonly ulong[] _blocks;
    private readonly int _mask;

    /// <summary>
    /// A filter of <paramref name="words"/> (the hashes of the words probed alone) and <paramref name="pairs"/>
    /// (left word's hash, right word's hash, and whether the phrase's anchor is the right word).
    /// </summary>
    public AnchorFilter(IReadOnlyCollection<uint> words, IReadOnlyCollection<(uint Left, uint Right, bool AnchorRight)> pairs)
    {
        var size = BlocksFor(words.Count, pairs.Count);
        _blocks = new ulong[size];
        _mask = size - 1;
        foreach (var hash in words)
        {
            _blocks[Block(hash)] |= WordBits(hash);
        }

        foreach (var (left, right, anchorRight) in pairs)
        {
            if (anchorRight)
            {
                _blocks[Block(right)] |= (ulong)LeftBits(left) << 32;
            }
            else
            {
                _blocks[Block(left)] |= (ulong)RightBits(right) << 32;
            }
        }
    }

    /// <summary>
    /// The most blocks a filter is built with (128 KB; a larger set tests its two filters as before). Measured in
    /// round 19 (A/B, rare mix, a tenth structured): 1,000 rules (16 KB) 1.05 faster, 10,000 (128 KB) 1.04 to 1.10;
    /// 20,000 (256 KB) between 0.94 and 1.10 by row and run; 100,000 (1 MB, no longer in a core's L2 cache beside the
    /// rest of a scan's data) 0.85 to 0.98.
    /// </summary>
    public const int MaxBlocks = 16_384;

    /// <summary>How many blocks a filter of <paramref name="words"/> words and <paramref name="pairs"/> pairs has: the power of two at or above the larger count.</summary>
    public static int BlocksFor(int words, int pairs)
    {
        var size = 8;
        while (size < Math.Max(words, pairs))
        {
            size *= 2;
        }

        return size;
    }

    /// <summary>The blocks (read by <see cref="VectorHashFilter.RunAnchors"/>).</summary>
    internal ulong[] Blocks => _blocks;

    /// <summary>The mask of a block's index.</summary>
    internal int Mask => _mask;

    /// <summary>The block of a word: its hash's bits 16 up (independent of the bits in the block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Block(uint hash) => (int)BitOperations.RotateRight(hash, 16) & _mask;

    /// <summary>A word's three bits in the low half: its hash's bits 0 to 4, 6 to 10 and 12 to 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint WordBits(uint hash) => (1u << (int)hash) | (1u << (int)(hash >> 6)) | (1u << (int)(hash >> 12));

    /// <summary>A right neighbour's three bits in the high half: its hash's bits 16 to 20, 21 to 25 and 26 to 30.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint RightBits(uint hash) => (1u << (int)(hash >> 16)) | (1u << (int)(hash >> 21)) | (1u << (int)(hash >> 26));

    /// <summary>A left neighbour's three bits in the high half: its hash's bits 1 to 5, 6 to 10 and 11 to 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint LeftBits(uint hash) => (1u << (int)(hash >> 1)) | (1u << (int)(hash >> 6)) | (1u << (int)(hash >> 11));

    /// <summary>
    /// Whether the word of <paramref name="hash"/> may anchor a spelling alone, or a phrase with the word before it
    /// (<paramref name="left"/>, when there is one) or after it (<paramref name="right"/>): 1 or 0.
    /// </summary>
    public int MayAnchor(uint hash, uint? left, uint? right)
    {
        var block = _blocks[Block(hash)];
        var low = (uint)block;
        var high = (uint)(block >> 32);
        var word = WordBits(hash);
        var pass = (low & word) == word;
        if (left is { } l)
        {
            var bits = LeftBits(l);
            pass |= (high & bits) == bits;
        }

        if (right is { } r)
        {
            var bits = RightBits(r);
            pass |= (high & bits) == bits;
        }

        return pass ? 1 : 0;
    }
}

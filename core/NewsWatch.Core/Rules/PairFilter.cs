using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A blocked Bloom filter of pairs of adjacent words (by their <see cref="VocabularyTable.Hash"/>es), 16 bits per
/// pair, three of them in one 64-bit block: the pairs a phrase's anchor makes with the phrase word beside it, so
/// that a word that anchors only phrases is probed only where the text has that pair (a false positive is
/// probed and confirmed as before, never a miss). Immutable after construction.
/// </summary>
internal sealed class PairFilter
{
    private readonly ulong[] _blocks;
    private readonly int _mask;

    // The same pairs in 32-bit blocks (twice as many, the same three bits mod 32), tested eight at a time with one
    // 32-bit gather (Test8Sided), each with the side of its anchor: three bits that both sides share and a fourth, at
    // s = bits 22 to 26 of the left word's hash for an anchor on the left, at s + 1 (mod 32) for one on the right (one
    // rotate of the block brings both to its low bits), so that a passing pair makes only its anchor a candidate.
    private readonly uint[] _sided;
    private readonly int _sidedMask;

    /// <summary>
    /// A filter holding every pair of <paramref name="pairs"/> (left word's hash, right word's hash), whose anchor's
    /// side is not known: in <see cref="SidedBlocks"/> the pair passes with its anchor on either side. The block and
    /// bits of a pair come from shifts and a rotate of the two hashes (both already well mixed).
    /// </summary>
    public PairFilter(IReadOnlyCollection<(uint Left, uint Right)> pairs)
    {
        var bits = 512;
        while (bits < pairs.Count * 16)
        {
            bits *= 2;
        }

        _blocks = new ulong[bits / 64];
        _mask = _blocks.Length - 1;
        _sided = new uint[bits / 32];
        _sidedMask = _sided.Length - 1;
        foreach (var (left, right) in pairs)
        {
            var t = left ^ BitOperations.RotateLeft(right, 16);
            _sided[SidedBlock(left, right)] |= SidedBits(left, right, false) | SidedBits(left, right, true);
            _blocks[(int)(t >> 8) & _mask] |= (1UL << (int)(right >> 20)) | (1UL << (int)(right >> 26)) | (1UL << (int)t);
        }
    }

    /// <summary>
    /// A filter holding every pair of <paramref name="pairs"/> (left word's hash, right word's hash, and whether the
    /// phrase's anchor is the right word): as the filter of the same pairs without their sides, and in
    /// <see cref="SidedBlocks"/> each pair passes with its anchor on its own side only.
    /// </summary>
    public PairFilter(IReadOnlyCollection<(uint Left, uint Right, bool AnchorRight)> pairs)
        : this([.. pairs.Select(p => (p.Left, p.Right))])
    {
        _sided = new uint[_sided.Length];
        foreach (var (left, right, anchorRight) in pairs)
        {
            _sided[SidedBlock(left, right)] |= SidedBits(left, right, anchorRight);
        }
    }

    /// <summary>The mask of a 32-bit block's index (in <see cref="SidedBlocks"/>).</summary>
    internal int SidedMask => _sidedMask;

    /// <summary>The 32-bit blocks with the anchor's side (read by <see cref="VectorHashFilter.RunPairs"/>; see <see cref="Test8Sided"/>).</summary>
    internal uint[] SidedBlocks => _sided;

    // Where the side bit's field is in the left word's hash (the bit for a pair whose anchor is its left word; the
    // next one for a pair whose anchor is its right word).
    private const int Side = 22;

    /// <summary>The block of a pair in <see cref="SidedBlocks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SidedBlock(uint left, uint right) => (int)((left ^ BitOperations.RotateLeft(right, 16)) >> 8) & _sidedMask;

    /// <summary>The four bits of a pair in its <see cref="SidedBlocks"/> block, the fourth its side's.</summary>
    private static uint SidedBits(uint left, uint right, bool anchorRight) =>
        (1u << (int)(right >> 20)) | (1u << (int)(right >> 26)) | (1u << (int)(left ^ BitOperations.RotateLeft(right, 16)))
        | BitOperations.RotateLeft(anchorRight ? 2u : 1u, (int)(left >> Side));

    /// <summary>
    /// As <see cref="MayContain"/>, by the 32-bit blocks with the anchor's side (the bits are the hashes' fields mod
    /// 32): bit 0 set when the pair may be in the filter with its anchor on the left, bit 1 when with its anchor on
    /// the right (no branch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MayContainSided(uint left, uint right)
    {
        var t = left ^ BitOperations.RotateLeft(right, 16);
        var b = _sided[(int)(t >> 8) & _sidedMask];
        var common = (b >> (int)(right >> 20)) & (b >> (int)(right >> 26)) & (b >> (int)t) & 1;
        return (int)(BitOperations.RotateRight(b, (int)(left >> Side)) & (common * 3));
    }

    /// <summary>
    /// Eight pairs tested by the 32-bit blocks with the anchor's side at <paramref name="blocks"/>
    /// (<paramref name="mask32"/> their <see cref="SidedMask"/> in every lane): bit i set for every lane whose pair
    /// may be in the filter with its anchor on the left (the return value) or on the right
    /// (<paramref name="anchorRight"/>); one gather, three shifts and a rotate (the side bits to bits 0 and 1), no branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe uint Test8Sided(uint* blocks, Vector256<uint> mask32, Vector256<uint> left, Vector256<uint> right, out uint anchorRight)
    {
        var t = left ^ Avx512F.VL.RotateLeft(right, 16);
        var block = Avx2.GatherVector256(blocks, ((t >> 8) & mask32).AsInt32(), 4);
        var five = Vector256.Create(31u); // a vector shift by 32 or more gives 0, where C#'s shift of a uint is mod 32
        var common = Avx2.ShiftRightLogicalVariable(block, (right >> 20) & five) & Avx2.ShiftRightLogicalVariable(block, (right >> 26) & five)
            & Avx2.ShiftRightLogicalVariable(block, t & five);
        // Rotated, bit 0 is the side bit of an anchor on the left, bit 1 that of one on the right; each with the
        // three others (common's bit 0) in the sign bit.
        var sides = Avx512F.VL.RotateRightVariable(block, left >> Side);
        var all = common << 31;
        anchorRight = ((sides << 30) & all).ExtractMostSignificantBits();
        return ((sides << 31) & all).ExtractMostSignificantBits();
    }

    /// <summary>The filter's size in bytes: its 64-bit blocks and its 32-bit ones with sides.</summary>
    public long Bytes => ((long)_blocks.Length * sizeof(ulong)) + ((long)_sided.Length * sizeof(uint));

    /// <summary>1 when the pair of words with these hashes may be in the filter, 0 when it is not (no branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MayContain(uint left, uint right)
    {
        var t = left ^ BitOperations.RotateLeft(right, 16);
        var b = _blocks[(int)(t >> 8) & _mask];
        return (int)((b >> (int)(right >> 20)) & (b >> (int)(right >> 26)) & (b >> (int)t) & 1);
    }

    /// <summary>
    /// Bit q - <paramref name="start"/> set for every pair q (words q and q + 1 of <paramref name="hashes"/>), q from
    /// <paramref name="start"/> to <paramref name="end"/> (at most 64 pairs), that may be in the filter: eight pairs
    /// at a time where the CPU has AVX2 and AVX-512 (VL, DQ), the rest one by one, without a branch on the hashes.
    /// </summary>
    public unsafe ulong Passed(uint[] hashes, int start, int end)
    {
        var passed = 0UL;
        var q = start;
        if (VectorHashFilter.IsSupported)
        {
            var mask32 = Vector256.Create((uint)_mask);
            fixed (uint* at = hashes)
            fixed (ulong* blocks = _blocks)
            {
                for (; q + 8 <= end; q += 8)
                {
                    passed |= (ulong)Test8(blocks, mask32, Vector256.Load(at + q), Vector256.Load(at + q + 1)) << (q - start);
                }
            }
        }

        for (; q < end; q++)
        {
            passed |= (ulong)MayContain(hashes[q], hashes[q + 1]) << (q - start);
        }

        return passed;
    }

    /// <summary>
    /// Bit i set for every lane i whose pair (<paramref name="left"/>[i], <paramref name="right"/>[i]) may be in the
    /// filter of shifts whose 64-bit blocks are at <paramref name="blocks"/> (<paramref name="mask32"/> the mask of a
    /// block index in every lane): eight pairs, two gathers, no branch. AVX2 and AVX-512 (VL) only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe uint Test8(ulong* blocks, Vector256<uint> mask32, Vector256<uint> left, Vector256<uint> right)
    {
        var six = Vector256.Create(63u);
        var t = left ^ Avx512F.VL.RotateLeft(right, 16);
        var index = ((t >> 8) & mask32).AsInt32();
        var first = (right >> 20) & six;
        var second = right >> 26;
        var third = t & six;
        var low = TestShifts(blocks, index.GetLower(), first.GetLower(), second.GetLower(), third.GetLower());
        var high = TestShifts(blocks, index.GetUpper(), first.GetUpper(), second.GetUpper(), third.GetUpper());
        return low | (high << 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe uint TestShifts(ulong* blocks, Vector128<int> index, Vector128<uint> first, Vector128<uint> second, Vector128<uint> third)
    {
        var block = Avx2.GatherVector256(blocks, index, 8);
        var bits = Avx2.ShiftRightLogicalVariable(block, Avx2.ConvertToVector256Int64(first).AsUInt64())
            & Avx2.ShiftRightLogicalVariable(block, Avx2.ConvertToVector256Int64(second).AsUInt64())
            & Avx2.ShiftRightLogicalVariable(block, Avx2.ConvertToVector256Int64(third).AsUInt64()) & Vector256<ulong>.One;
        return Vector256.Equals(bits, Vector256<ulong>.One).ExtractMostSignificantBits();
    }
}

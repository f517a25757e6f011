using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsWatch.Core.Rules;

/// <summary>The scan's hash-and-filter loop with the word and pair filters in one table (<see cref="AnchorFilter"/>).</summary>
internal static partial class VectorHashFilter
{
    /// <summary>
    /// As <see cref="RunPairs"/>, by an <see cref="AnchorFilter"/>: each block of eight words is hashed, its eight
    /// 64-bit filter blocks gathered (two gathers of four) by the words' own hashes, and tested one block late, when
    /// the hashes of the words after it are known: a word's place is gathered into <paramref name="foundAt"/> when
    /// its block's low half holds its bits, or its high half the bits of the word before or after it (so a passing
    /// pair makes only its anchor a candidate, with one gather per word instead of one for the word and one for the
    /// pair). The last block after the loop, and the words after it one by one.
    /// </summary>
    public static unsafe int RunAnchors(AnchorFilter filter, ulong[]? prefixStarts, char[] folded, int[] startFold, int[] endFold, int count,
        uint[] hashes, int[] ids, int[] foundAt, int[] prefixAt, out int prefixCandidates, ulong[]? heads = null)
    {
        Debug.Assert(heads is null || heads.Length >= count + 8, "heads has room for a block of eight past the last word");
        var candidates = 0;
        var gathered = 0;
        var mask = Vector256.Create(filter.Mask);
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        fixed (ulong* blocks = filter.Blocks)
        fixed (char* chars = folded)
        fixed (ulong* starts3 = prefixStarts, headAt = heads)
        fixed (int* startAt = startFold, endAt = endFold, idAt = ids, found = foundAt, prefixed = prefixAt)
        fixed (uint* hashAt = hashes)
        {
            // The last block's hashes and filter blocks (previous: block p - 8), and the hashes of the block before.
            var previous = Vector256<uint>.Zero;
            var previousLow = Vector256<ulong>.Zero;
            var previousHigh = Vector256<ulong>.Zero;
            var older = Vector256<uint>.Zero;
            var p = 0;
            for (; p + 8 <= count; p += 8)
            {
                Vector256<uint> hash;
                var start = Vector256.Load(startAt + p);
                var n = Vector256.Load(endAt + p) - start;
                if (Vector256.GreaterThanAny(n, Vector256.Create(16)))
                {
                    for (var k = p; k < p + 8; k++)
                    {
                        HashOne(starts3, headAt, chars, startAt, endAt, hashAt, idAt, prefixed, k, ref gathered);
                    }

                    hash = Vector256.Load(hashAt + p);
                }
                else
                {
                    hash = HashBlock(chars, start, n, p, hashAt, idAt, headAt, starts3, prefixed, ref gathered, lanes);
                }

                // Block p - 8, whose neighbours are now known (its filter blocks were asked for one iteration ago).
                if (p >= 8)
                {
                    var pass = TestAnchors(previousLow, previousHigh, previous, Avx512F.VL.AlignRight32(previous, older, 7),
                        Avx512F.VL.AlignRight32(hash, previous, 1), p == 8 ? 0xFEu : 0xFFu);
                    candidates += Emit(found + candidates, pass, p - 8, lanes);
                }

                var index = (((hash >> 16) | (hash << 16)) & mask.AsUInt32()).AsInt32();
                older = previous;
                previous = hash;
                previousLow = Avx2.GatherVector256(blocks, index.GetLower(), 8);
                previousHigh = Avx2.GatherVector256(blocks, index.GetUpper(), 8);
            }

            for (var k = p; k < count; k++)
            {
                HashOne(starts3, headAt, chars, startAt, endAt, hashAt, idAt, prefixed, k, ref gathered);
            }

            if (headAt is not null)
            {
                // Past the last word, heads that no prefix's (non-zero) first chars equal.
                Vector256<ulong>.Zero.Store(headAt + count);
                Vector256<ulong>.Zero.Store(headAt + count + 4);
            }

            if (p > 0)
            {
                // The last block of eight: its last word's right neighbour is the first word after it, if any.
                var next = Vector256.Create(p < count ? hashAt[p] : 0u);
                var pass = TestAnchors(previousLow, previousHigh, previous, Avx512F.VL.AlignRight32(previous, older, 7),
                    Avx512F.VL.AlignRight32(next, previous, 1), p == 8 ? 0xFEu : 0xFFu, p < count ? 0xFFu : 0x7Fu);
                candidates += Emit(found + candidates, pass, p - 8, lanes);
            }

            for (var w = p; w < count; w++)
            {
                found[candidates] = w;
                candidates += filter.MayAnchor(hashAt[w], w > 0 ? hashAt[w - 1] : null, w + 1 < count ? hashAt[w + 1] : null);
            }
        }

        prefixCandidates = gathered;
        return candidates;
    }

    /// <summary>
    /// Bit i set for each of eight words (hashes <paramref name="hash"/>, filter blocks in <paramref name="low"/> for
    /// the first four and <paramref name="high"/> for the others) whose word bits are in its block's low half, or
    /// whose left neighbour's (<paramref name="left"/>, lanes in <paramref name="hasLeft"/>) or right neighbour's
    /// (<paramref name="right"/>, lanes in <paramref name="hasRight"/>) bits are in its high half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TestAnchors(Vector256<ulong> low, Vector256<ulong> high, Vector256<uint> hash, Vector256<uint> left, Vector256<uint> right,
        uint hasLeft, uint hasRight = 0xFF)
    {
        // The eight blocks' low halves in lanes 0 to 7 and their high halves in lanes 8 to 15.
        var halves = Avx512F.PermuteVar16x32(Vector512.Create(low, high).AsUInt32(),
            Vector512.Create(0u, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15));
        var words = halves.GetLower();
        var pairs = halves.GetUpper();
        var five = Vector256.Create(31u);
        var word = Avx2.ShiftRightLogicalVariable(words, hash & five) & Avx2.ShiftRightLogicalVariable(words, (hash >> 6) & five)
            & Avx2.ShiftRightLogicalVariable(words, (hash >> 12) & five);
        var onLeft = Avx2.ShiftRightLogicalVariable(pairs, (left >> 1) & five) & Avx2.ShiftRightLogicalVariable(pairs, (left >> 6) & five)
            & Avx2.ShiftRightLogicalVariable(pairs, (left >> 11) & five);
        var onRight = Avx2.ShiftRightLogicalVariable(pairs, (right >> 16) & five) & Avx2.ShiftRightLogicalVariable(pairs, (right >> 21) & five)
            & Avx2.ShiftRightLogicalVariable(pairs, (right >> 26) & five);
        var one = Vector256<uint>.One;
        return Vector256.Equals(word & one, one).ExtractMostSignificantBits()
            | (Vector256.Equals(onLeft & one, one).ExtractMostSignificantBits() & hasLeft)
            | (Vector256.Equals(onRight & one, one).ExtractMostSignificantBits() & hasRight);
    }

    /// <summary>Writes to <paramref name="found"/> the places of the words of the block from <paramref name="first"/> whose bit is set in <paramref name="pass"/>; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Emit(int* found, uint pass, int first, Vector256<int> lanes)
    {
        var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        var selected = Vector256.Equals(Vector256.Create((int)pass) & laneBits, laneBits);
        // found is at most first places in, so the eight slots written lie inside the block's.
        Avx512F.VL.Compress(Vector256<int>.Zero, selected, Vector256.Create(first) + lanes).Store(found);
        return BitOperations.PopCount(pass);
    }
}

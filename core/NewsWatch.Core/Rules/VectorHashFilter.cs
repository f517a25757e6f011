using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NewsWatch.Core.Rules;

/// <summary>
/// The scan's hash-and-filter loop eight words at a time, where the CPU has AVX2 and AVX-512 (VL, DQ): each of the
/// four 4-char blocks of eight words is gathered in two loads, hashed with 64-bit multiplies in vector lanes (the same
/// <see cref="VocabularyTable.HashAt"/> value), the eight filter blocks gathered, and the places of the words that
/// pass written with one compress store (no branch, no per-word bookkeeping). Words over 16 chars (their hash mixes
/// in the blocks between) and the last words of a text go through the same hash one by one.
/// </summary>
internal static partial class VectorHashFilter
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const ulong Multiplier2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Multiplier3 = 0x165667B19E3779F9UL;
    private const ulong Multiplier4 = 0xD6E8FEB86659FD93UL;

    /// <summary>Whether <see cref="Run"/> can be used on this CPU.</summary>
    public static bool IsSupported => Avx2.IsSupported && Avx512F.VL.IsSupported && Avx512DQ.VL.IsSupported;

    /// <summary>
    /// Hashes the first <paramref name="count"/> words in place (their folded chars in <paramref name="folded"/>,
    /// with at least four readable chars at each start), writes -1 to their ids, and gathers into
    /// <paramref name="foundAt"/> the places of the words that pass <paramref name="vocabulary"/>'s filter (returning
    /// how many) and, with <paramref name="prefixStarts"/>, into <paramref name="prefixAt"/> those of the words of
    /// three chars or more whose start bit is set there: what <c>RuleSet.HashAndFilter</c> does, in word order.
    /// </summary>
    public static unsafe int Run(VocabularyTable vocabulary, ulong[]? prefixStarts, char[] folded, int[] startFold, int[] endFold,
        int count, uint[] hashes, int[] ids, int[] foundAt, int[] prefixAt, out int prefixCandidates)
    {
        var candidates = 0;
        var gathered = 0;
        var filterBlocks = vocabulary.FilterBlocks;
        var filterMask = Vector256.Create(vocabulary.FilterBlockMask);
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var withPrefixes = prefixStarts is not null;
        var third = vocabulary.ThirdShift;
        fixed (char* chars = folded)
        fixed (ulong* filter = filterBlocks)
        fixed (ulong* starts3 = prefixStarts)
        fixed (int* startAt = startFold, endAt = endFold, idAt = ids, found = foundAt, prefixed = prefixAt)
        fixed (uint* hashAt = hashes)
        {
            var p = 0;
            for (; p + 8 <= count; p += 8)
            {
                var start = Vector256.Load(startAt + p);
                var n = Vector256.Load(endAt + p) - start;
                if (Vector256.GreaterThanAny(n, Vector256.Create(16)))
                {
                    for (var k = p; k < p + 8; k++)
                    {
                        One(vocabulary, starts3, chars, startAt, endAt, hashAt, idAt, found, prefixed, k, ref candidates, ref gathered);
                    }

                    continue;
                }

                var hash = Hash8(chars, start, n, out var firstLow, out var firstHigh);
                hash.Store(hashAt + p);
                Vector256<int>.AllBitsSet.Store(idAt + p);

                // The filter: one 64-bit block per word (the hash rotated by 16, masked), two bits of it.
                var block = ((hash >> 16) | (hash << 16)) & filterMask;
                var passLow = Test(Avx2.GatherVector256(filter, block.GetLower().AsInt32(), 8), hash.GetLower(), third);
                var passHigh = Test(Avx2.GatherVector256(filter, block.GetUpper().AsInt32(), 8), hash.GetUpper(), third);
                var pass = Vector256.Create(passLow, passHigh).AsInt32();
                var places = Vector256.Create(p) + lanes;
                // candidates <= p, so the eight slots written lie inside the first p + 8 <= count (a compress to
                // memory is microcoded on some CPUs: AMD Zen 4 runs it many times slower than this register form).
                Avx512F.VL.Compress(Vector256<int>.Zero, pass, places).Store(found + candidates);
                candidates += BitOperations.PopCount(pass.ExtractMostSignificantBits());

                if (withPrefixes)
                {
                    var startsLow = StartBits(starts3, firstLow);
                    var startsHigh = StartBits(starts3, firstHigh);
                    var maybe = Vector256.Create(startsLow, startsHigh).AsInt32() & Vector256.GreaterThan(n, Vector256.Create(2));
                    Avx512F.VL.Compress(Vector256<int>.Zero, maybe, places).Store(prefixed + gathered);
                    gathered += BitOperations.PopCount(maybe.ExtractMostSignificantBits());
                }
            }

            for (; p < count; p++)
            {
                One(vocabulary, starts3, chars, startAt, endAt, hashAt, idAt, found, prefixed, p, ref candidates, ref gathered);
            }
        }

        prefixCandidates = gathered;
        return candidates;
    }

    /// <summary>
    /// As <see cref="Run"/>, and with the pair filter's test in the same loop: a word's place is gathered into
    /// <paramref name="foundAt"/> when it passes the word filter or when the pair it makes with the word before or
    /// after it passes <paramref name="pairs"/> (a filter of shifts), what <c>RuleSet.AddPairs</c> adds after
    /// <see cref="Run"/>, the same places in word order, without a bit array to clear and walk. Pair (q, q + 1) needs
    /// the hash of word q + 1, so each block of eight words is gathered two blocks late: its pairs are tested once
    /// the next block's hashes are known (the right words a lane rotate of the two blocks' hashes), from hashes of
    /// earlier iterations, so that the test does not wait on the current block's; the last two blocks after the
    /// loop, and the words after them one by one.
    /// </summary>
    /// <remarks>
    /// The pairs are tested by the pair filter's 32-bit blocks (one gather of eight), the words by a filtered
    /// vocabulary's 32-bit blocks (its 64-bit ones when it has none), and the places compressed in a register and
    /// stored whole. With <paramref name="heads"/> (room for <paramref name="count"/> + 8), each word's first four
    /// folded chars are written there as one 64-bit value (the load the hash makes anyway), and the eight slots
    /// after the last word are zeroed: what <c>RuleSet.DeferredPass</c> compares a deferred wildcard's prefix with.
    /// The pairs are tested by the pair filter's <see cref="PairFilter.SidedBlocks"/>, so that a passing pair makes
    /// only its anchor's word a candidate (a pair whose side is not known passes on both).
    /// </remarks>
    public static unsafe int RunPairs(VocabularyTable vocabulary, PairFilter pairs, ulong[]? prefixStarts, char[] folded, int[] startFold,
        int[] endFold, int count, uint[] hashes, int[] ids, int[] foundAt, int[] prefixAt, out int prefixCandidates,
        ulong[]? heads = null)
    {
        Debug.Assert(heads is null || heads.Length >= count + 8, "heads has room for a block of eight past the last word");
        var candidates = 0;
        var gathered = 0;
        var filterBlocks = vocabulary.FilterBlocks;
        var filterMask = Vector256.Create(vocabulary.FilterBlockMask);
        var pairMask = Vector256.Create((uint)pairs.SidedMask);
        var narrowWords = vocabulary.NarrowBlocks.Length > 0;
        var wordMask = Vector256.Create(vocabulary.NarrowBlockMask);
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        var third = vocabulary.ThirdShift;
        fixed (char* chars = folded)
        fixed (ulong* filter = filterBlocks)
        fixed (uint* sidedBlocks = pairs.SidedBlocks, wordBlocks = vocabulary.NarrowBlocks)
        fixed (ulong* starts3 = prefixStarts, headAt = heads)
        fixed (int* startAt = startFold, endAt = endFold, idAt = ids, found = foundAt, prefixed = prefixAt)
        fixed (uint* hashAt = hashes)
        {
            // The last two blocks' hashes and word filter bits (previous: block p - 8; older: block p - 16), and
            // whether the pair of the word before block p - 16 and its first word passed.
            var previous = Vector256<uint>.Zero;
            var previousPass = 0u;
            var older = Vector256<uint>.Zero;
            var olderPass = 0u;
            var carry = 0u;
            var p = 0;
            for (; p + 8 <= count; p += 8)
            {
                // Block p - 16's eight pairs (its words, and the words one place on), from hashes already known, so
                // that the test does not wait on this block's.
                if (p >= 16)
                {
                    var passed = PairFilter.Test8Sided(sidedBlocks, pairMask, older, Avx512F.VL.AlignRight32(previous, older, 1), out var onRight);
                    candidates += Gather(found + candidates, olderPass, passed, onRight, ref carry, p - 16, lanes, laneBits);
                }

                Vector256<uint> hash;
                uint pass;
                var start = Vector256.Load(startAt + p);
                var n = Vector256.Load(endAt + p) - start;
                if (Vector256.GreaterThanAny(n, Vector256.Create(16)))
                {
                    pass = 0;
                    for (var k = p; k < p + 8; k++)
                    {
                        pass |= (uint)Hash1(vocabulary, narrowWords, starts3, headAt, chars, startAt, endAt, hashAt, idAt, prefixed, k, ref gathered) << (k - p);
                    }

                    hash = Vector256.Load(hashAt + p);
                }
                else
                {
                    hash = HashBlock(chars, start, n, p, hashAt, idAt, headAt, starts3, prefixed, ref gathered, lanes);
                    if (narrowWords)
                    {
                        // One gather of eight 32-bit blocks, the three bits mod 32.
                        var words = Avx2.GatherVector256(wordBlocks, (((hash >> 16) | (hash << 16)) & wordMask).AsInt32(), 4);
                        var five = Vector256.Create(31u);
                        var bits = Avx2.ShiftRightLogicalVariable(words, hash & five) & Avx2.ShiftRightLogicalVariable(words, (hash >> 6) & five)
                            & Avx2.ShiftRightLogicalVariable(words, (hash >> third) & five) & Vector256<uint>.One;
                        pass = Vector256.Equals(bits, Vector256<uint>.One).ExtractMostSignificantBits();
                    }
                    else
                    {
                        var block = ((hash >> 16) | (hash << 16)) & filterMask;
                        var passLow = Test(Avx2.GatherVector256(filter, block.GetLower().AsInt32(), 8), hash.GetLower(), third);
                        var passHigh = Test(Avx2.GatherVector256(filter, block.GetUpper().AsInt32(), 8), hash.GetUpper(), third);
                        pass = Vector256.Create(passLow, passHigh).ExtractMostSignificantBits();
                    }
                }

                older = previous;
                olderPass = previousPass;
                previous = hash;
                previousPass = pass;
            }

            var tail = 0u;
            for (var k = p; k < count; k++)
            {
                tail |= (uint)Hash1(vocabulary, narrowWords, starts3, headAt, chars, startAt, endAt, hashAt, idAt, prefixed, k, ref gathered) << (k - p);
            }

            if (headAt is not null)
            {
                // Past the last word, heads that no prefix's (non-zero) first chars equal.
                Vector256<ulong>.Zero.Store(headAt + count);
                Vector256<ulong>.Zero.Store(headAt + count + 4);
            }

            // The last two blocks of eight (the last pair with the first word after them, if any), then those words one by one.
            if (p >= 16)
            {
                var passed = PairFilter.Test8Sided(sidedBlocks, pairMask, older, Avx512F.VL.AlignRight32(previous, older, 1), out var onRight);
                candidates += Gather(found + candidates, olderPass, passed, onRight, ref carry, p - 16, lanes, laneBits);
            }

            if (p > 0)
            {
                var next = Vector256.Create(p < count ? hashAt[p] : 0u);
                var last = p < count ? 0xFFu : 0x7Fu;
                var passed = PairFilter.Test8Sided(sidedBlocks, pairMask, previous, Avx512F.VL.AlignRight32(next, previous, 1), out var onRight);
                candidates += Gather(found + candidates, previousPass, passed & last, onRight & last, ref carry, p - 8, lanes, laneBits);
            }

            for (var w = p; w < count; w++)
            {
                // Bit 0: the pair of this word and the next passes with this word as its anchor; bit 1: with the
                // next word as its anchor.
                var after = w + 1 < count ? (uint)pairs.MayContainSided(hashAt[w], hashAt[w + 1]) : 0u;
                found[candidates] = w;
                candidates += (int)(((tail >> (w - p)) & 1) | carry | (after & 1));
                carry = after >> 1;
            }
        }

        prefixCandidates = gathered;
        return candidates;
    }

    /// <summary>
    /// Writes to <paramref name="found"/> the places of the block of eight words from <paramref name="first"/> that
    /// pass the word filter (<paramref name="pass"/>) or make a pair that passes with the word after them, as its
    /// anchor (<paramref name="passed"/>, bit i for words i and i + 1), or with the word before them, as its anchor
    /// (<paramref name="onRight"/>, bit i for words i and i + 1, and for the pair before the first word
    /// <paramref name="carry"/>, replaced by the block's last pair's); returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Gather(int* found, uint pass, uint passed, uint onRight, ref uint carry, int first, Vector256<int> lanes,
        Vector256<int> laneBits)
    {
        var emit = (pass | passed | (onRight << 1) | carry) & 0xFF;
        carry = onRight >> 7;
        var mask = Vector256.Equals(Vector256.Create((int)emit) & laneBits, laneBits);
        // found is at most first places in, so the eight slots written lie inside the block's.
        Avx512F.VL.Compress(Vector256<int>.Zero, mask, Vector256.Create(first) + lanes).Store(found);

        return BitOperations.PopCount(emit);
    }

    /// <summary>
    /// The hashes of eight words (starts <paramref name="start"/>, lengths <paramref name="n"/>, 1 to 16 chars) as
    /// <see cref="VocabularyTable.HashAt"/> gives them, and the first four chars of the lower and upper four unmasked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<uint> Hash8(char* chars, Vector256<int> start, Vector256<int> n, out Vector256<ulong> firstLow, out Vector256<ulong> firstHigh)
    {
        var pad = Vector256.Max(Vector256.Create(4) - n, Vector256<int>.Zero) * 16;
        var last = start + Vector256.Max(n - Vector256.Create(4), Vector256<int>.Zero);
        var middle = start + Vector256.Max(n - Vector256.Create(8), Vector256<int>.Zero);
        var second = start + (Vector256.GreaterThan(n, Vector256.Create(7)) & Vector256.Create(4));
        var low = Hash4(chars, start.GetLower(), n.GetLower(), pad.GetLower(), last.GetLower(), second.GetLower(), middle.GetLower(), out firstLow);
        var high = Hash4(chars, start.GetUpper(), n.GetUpper(), pad.GetUpper(), last.GetUpper(), second.GetUpper(), middle.GetUpper(), out firstHigh);
        return Vector256.Create(low, high);
    }

    /// <summary>The hashes of four words (as <see cref="VocabularyTable.HashAt"/>, for words of 1 to 16 chars), and their first four chars unmasked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<uint> Hash4(char* chars, Vector128<int> start, Vector128<int> n, Vector128<int> pad,
        Vector128<int> last, Vector128<int> second, Vector128<int> third, out Vector256<ulong> first)
    {
        var mask = Avx2.ShiftRightLogicalVariable(Vector256<ulong>.AllBitsSet, Avx2.ConvertToVector256Int64(pad).AsUInt64());
        var source = (ulong*)chars;
        first = Avx2.GatherVector256(source, start, 2);
        var b1 = first & mask;
        var b2 = Avx2.GatherVector256(source, last, 2) & mask;
        var b3 = Avx2.GatherVector256(source, second, 2) & mask;
        var b4 = Avx2.GatherVector256(source, third, 2) & mask;
        var h = Avx512DQ.VL.MultiplyLow(b1, Vector256.Create(Multiplier))
            ^ Avx512F.VL.RotateLeft(Avx512DQ.VL.MultiplyLow(b2, Vector256.Create(Multiplier2)), 21)
            ^ Avx512F.VL.RotateLeft(Avx512DQ.VL.MultiplyLow(b3, Vector256.Create(Multiplier3)), 42)
            ^ Avx512DQ.VL.MultiplyLow(b4, Vector256.Create(Multiplier4))
            ^ (Avx2.ConvertToVector256Int64(n).AsUInt64() << 56);
        h = Avx512DQ.VL.MultiplyLow(h, Vector256.Create(Multiplier));
        h ^= h >> 32;
        return Avx512F.VL.ConvertToVector128UInt32(h);
    }

    /// <summary>
    /// All ones in the lanes whose filter bits (the hash's low six bits, the six above, and the six at
    /// <paramref name="third"/>) are set in their block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Test(Vector256<ulong> blocks, Vector128<uint> hash, int third)
    {
        var wide = Avx2.ConvertToVector256Int64(hash).AsUInt64();
        var six = Vector256.Create(63UL);
        var bits = Avx2.ShiftRightLogicalVariable(blocks, wide & six) & Avx2.ShiftRightLogicalVariable(blocks, (wide >> 6) & six)
            & Avx2.ShiftRightLogicalVariable(blocks, (wide >> third) & six) & Vector256<ulong>.One;
        return Vector128.Equals(Avx512F.VL.ConvertToVector128UInt32(bits), Vector128<uint>.One);
    }

    /// <summary>All ones in the lanes whose first three chars (of the four in <paramref name="first"/>) have their bit set in <paramref name="starts3"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<uint> StartBits(ulong* starts3, Vector256<ulong> first)
    {
        var bit = Avx512DQ.VL.MultiplyLow(first & Vector256.Create(0xFFFF_FFFF_FFFFUL), Vector256.Create(Multiplier)) >> 48;
        var words = Avx2.GatherVector256(starts3, (bit >> 6).AsInt64(), 8);
        var set = Avx2.ShiftRightLogicalVariable(words, bit & Vector256.Create(63UL)) & Vector256<ulong>.One;
        return Vector128.Equals(Avx512F.VL.ConvertToVector128UInt32(set), Vector128<uint>.One);
    }

    /// <summary>
    /// A block of eight words of at most 16 chars from <paramref name="p"/> hashed (their hashes and ids written,
    /// with <paramref name="headAt"/> their first four chars, and with <paramref name="starts3"/> the places of
    /// those of three chars or more whose start bit is set gathered into <paramref name="prefixed"/>): what the
    /// loops of <see cref="RunPairs"/> and <see cref="RunAnchors"/> do for every block before their filters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<uint> HashBlock(char* chars, Vector256<int> start, Vector256<int> n, int p, uint* hashAt, int* idAt, ulong* headAt,
        ulong* starts3, int* prefixed, ref int gathered, Vector256<int> lanes)
    {
        var hash = Hash8(chars, start, n, out var firstLow, out var firstHigh);
        hash.Store(hashAt + p);
        Vector256<int>.AllBitsSet.Store(idAt + p);
        if (headAt is not null)
        {
            firstLow.Store(headAt + p);
            firstHigh.Store(headAt + p + 4);
        }

        if (starts3 is not null)
        {
            var startsLow = StartBits(starts3, firstLow);
            var startsHigh = StartBits(starts3, firstHigh);
            var maybe = Vector256.Create(startsLow, startsHigh).AsInt32() & Vector256.GreaterThan(n, Vector256.Create(2));
            // gathered <= p, so the eight slots written lie inside the first p + 8 words.
            Avx512F.VL.Compress(Vector256<int>.Zero, maybe, Vector256.Create(p) + lanes).Store(prefixed + gathered);
            gathered += BitOperations.PopCount(maybe.ExtractMostSignificantBits());
        }

        return hash;
    }

    /// <summary>One word hashed (its id, hash, prefix candidacy and, with <paramref name="headAt"/>, its first four chars written), as the scalar loop does it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void HashOne(ulong* starts3, ulong* headAt, char* chars, int* startAt, int* endAt, uint* hashAt, int* idAt, int* prefixed, int p,
        ref int gathered)
    {
        var start = startAt[p];
        var length = endAt[p] - start;
        hashAt[p] = VocabularyTable.HashAt(ref chars[start], length);
        idAt[p] = -1;
        if (headAt is not null)
        {
            headAt[p] = *(ulong*)(chars + start);
        }

        if (starts3 is not null)
        {
            var bit = (int)(((*(ulong*)(chars + start) & 0xFFFF_FFFF_FFFFUL) * Multiplier) >> 48);
            prefixed[gathered] = p;
            gathered += (int)((starts3[bit >> 6] >> bit) & 1) & (int)((uint)(2 - length) >> 31);
        }
    }

    /// <summary>As <see cref="HashOne"/>; 1 when the word passes the word filter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Hash1(VocabularyTable vocabulary, bool narrowWords, ulong* starts3, ulong* headAt, char* chars, int* startAt, int* endAt,
        uint* hashAt, int* idAt, int* prefixed, int p, ref int gathered)
    {
        HashOne(starts3, headAt, chars, startAt, endAt, hashAt, idAt, prefixed, p, ref gathered);
        return narrowWords ? vocabulary.MayContainNarrow(hashAt[p]) : vocabulary.MayContain(hashAt[p]);
    }

    /// <summary>One word, as the scalar loop does it (<see cref="HashOne"/>, its place gathered when it passes the word filter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void One(VocabularyTable vocabulary, ulong* starts3, char* chars, int* startAt, int* endAt, uint* hashAt,
        int* idAt, int* found, int* prefixed, int p, ref int candidates, ref int gathered)
    {
        HashOne(starts3, null, chars, startAt, endAt, hashAt, idAt, prefixed, p, ref gathered);
        found[candidates] = p;
        candidates += vocabulary.MayContain(hashAt[p]);
    }
}

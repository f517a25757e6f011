using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace NewsWatch.Core.Rules;

/// <summary>
/// A set of folded words, each with an id equal to its index: an open-addressing hash table (at most half full)
/// probed with the hash of a text word's folded span, confirmed by a span compare against one flat char pool.
/// A probe touches one slot (hash, id and the word's place in the pool together) and, on a hash match, the pool;
/// nothing is allocated. Immutable after construction.
/// </summary>
internal sealed class VocabularyTable
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const ulong Multiplier2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Multiplier3 = 0x165667B19E3779F9UL;
    private const ulong Multiplier4 = 0xD6E8FEB86659FD93UL;

    private readonly Slot[] _slots;
    private readonly char[] _chars;
    private readonly uint _mask;

    // A blocked Bloom filter, eight bits per word: the hash's high bits choose one 64-bit block, two 6-bit fields
    // of its low bits two bits in it (about 5 % false positives, against 12 % for one bit per word in the same
    // space), three in a filtered table (ThirdShift: fewer false positives when it holds only some of the words). Most words that are in no rule (nearly all of them with few rules or rare terms) are rejected here,
    // with one load from a table that stays in the cache, before the slot is probed.
    private readonly ulong[] _filter;
    private readonly uint _filterMask;

    // A filtered table's words also in 32-bit blocks (twice as many; the same three bits, mod 32), for the scan's
    // loop with the pair filter, which tests eight words with one 32-bit gather (empty in an unfiltered table).
    private readonly uint[] _narrow = [];
    private readonly uint _narrowMask;

    // Per id, the word's hash, and where it sits in the pool (word i at [_wordStart[i], _wordStart[i + 1])).
    private readonly uint[] _wordHash;
    private readonly int[] _wordStart;

    // The slots again, each with its word's range of anchored spellings in place of its length alone (see
    // WithAnchorRanges; empty when the table has none, or when a field would not fit its bits).
    private readonly AnchorSlot[] _anchorSlots = [];

    // The widths of AnchorSlot's packed fields: a pool offset or first anchored spelling in the low 24 bits, a
    // word's length or its count of spellings in the high 8.
    private const int PackShift = 24;
    private const int PackMask = (1 << PackShift) - 1;

    public VocabularyTable(IReadOnlyList<string> words)
    {
        Count = words.Count;
        var size = 16;
        while (size < words.Count * 2)
        {
            size *= 2;
        }

        _mask = (uint)size - 1;
        _slots = new Slot[size];
        var filterBits = 512;
        while (filterBits < words.Count * 8)
        {
            filterBits *= 2;
        }

        _filter = new ulong[filterBits / 64];
        _filterMask = (uint)(filterBits / 64) - 1;
        _chars = new char[words.Sum(w => w.Length)];
        _wordHash = new uint[words.Count];
        _wordStart = new int[words.Count + 1];
        var offset = 0;
        for (var id = 0; id < words.Count; id++)
        {
            var word = words[id];
            word.CopyTo(_chars.AsSpan(offset));
            var hash = Hash(word);
            _wordHash[id] = hash;
            _wordStart[id + 1] = offset + word.Length;
            var slot = hash & _mask;
            while (_slots[slot].Id != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = new Slot(hash, id + 1, offset, word.Length);
            _filter[FilterBlock(hash)] |= (1UL << (int)hash) | (1UL << (int)(hash >> 6));
            offset += word.Length;
        }
    }

    /// <summary>A table that shares every part of <paramref name="table"/> (its slots, pool and filters) but its anchor slots.</summary>
    private VocabularyTable(VocabularyTable table)
    {
        ThirdShift = table.ThirdShift;
        Count = table.Count;
        _slots = table._slots;
        _chars = table._chars;
        _mask = table._mask;
        _wordHash = table._wordHash;
        _wordStart = table._wordStart;
        _filter = table._filter;
        _filterMask = table._filterMask;
        _narrow = table._narrow;
        _narrowMask = table._narrowMask;
    }

    private VocabularyTable(VocabularyTable all, Func<int, bool> inFilter, int thirdShift)
        : this(all)
    {
        // The slots and pool shared; filters of its own, of the words inFilter keeps.
        ThirdShift = thirdShift;
        _filter = new ulong[all._filter.Length];
        _narrow = new uint[all._filter.Length * 2];
        _narrowMask = (uint)_narrow.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            if (inFilter(id))
            {
                var hash = _wordHash[id];
                _filter[FilterBlock(hash)] |= (1UL << (int)hash) | (1UL << (int)(hash >> 6)) | (1UL << (int)(hash >> thirdShift));
                _narrow[NarrowBlock(hash)] |= (1u << (int)hash) | (1u << (int)(hash >> 6)) | (1u << (int)(hash >> thirdShift));
            }
        }
    }

    private VocabularyTable(VocabularyTable table, int[] rangeStart)
        : this(table)
    {
        var anchorSlots = new AnchorSlot[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            if (slot.Id == 0)
            {
                continue;
            }

            var from = rangeStart[slot.Id - 1];
            var count = rangeStart[slot.Id] - from;
            if ((uint)slot.Length > byte.MaxValue || (uint)count > byte.MaxValue || (uint)slot.Offset > PackMask || (uint)from > PackMask)
            {
                // A field does not fit: no anchor slots (the caller probes the plain ones).
                return;
            }

            anchorSlots[i] = new AnchorSlot(slot.Hash, slot.Id, slot.Offset | (slot.Length << PackShift), from | (count << PackShift));
        }

        _anchorSlots = anchorSlots;
    }

    /// <summary>
    /// The same table (sharing its slots, pool and filter) with, beside its slots, slots that also hold each word's
    /// range of <paramref name="rangeStart"/> (word i's at [rangeStart[i], rangeStart[i + 1]), packed: see
    /// <see cref="FindAnchoring"/>), so that a probe that finds a word has its range without another dependent
    /// load. Without them (<see cref="HasAnchorSlots"/> false) when a word over 255 chars, a range over 255
    /// entries or an offset over 2^24 does not fit.
    /// </summary>
    public VocabularyTable WithAnchorRanges(int[] rangeStart) => new(this, rangeStart);

    /// <summary>Whether the table has the slots of <see cref="WithAnchorRanges"/>.</summary>
    public bool HasAnchorSlots => _anchorSlots.Length > 0;

    /// <summary>The first entry of a range found by <see cref="FindAnchoring"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RangeFrom(int range) => range & PackMask;

    /// <summary>How many entries a range found by <see cref="FindAnchoring"/> has (0 for a word not found).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RangeCount(int range) => (int)((uint)range >> PackShift);

    /// <summary>
    /// As <see cref="FindUnfiltered"/>, by the slots of <see cref="WithAnchorRanges"/> (which the table must have),
    /// also giving the word's range (<see cref="RangeFrom"/>, <see cref="RangeCount"/>; 0 for a word not found).
    /// </summary>
    public int FindAnchoring(ReadOnlySpan<char> word, uint hash, out int range)
    {
        var slots = _anchorSlots;
        var slot = hash & _mask;
        while (true)
        {
            ref readonly var s = ref slots[slot];
            if (s.Id == 0)
            {
                range = 0;
                return -1;
            }

            if (s.Hash == hash && (int)((uint)s.Place >> PackShift) == word.Length && word.SequenceEqual(_chars.AsSpan(s.Place & PackMask, word.Length)))
            {
                range = s.Range;
                return s.Id - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>As <see cref="Prefetch"/>, for <see cref="FindAnchoring"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchAnchoring(uint hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _anchorSlots[hash & _mask]));
        }
    }

    /// <summary>
    /// As <see cref="PrefetchWord"/>, for <see cref="FindAnchoring"/>: asks for the pool chars the home slot points
    /// to and for the first entry of <paramref name="perRange"/> of its range (which the caller reads next).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchAnchoringWord<T>(uint hash, T[] perRange)
    {
        if (Sse.IsSupported)
        {
            ref readonly var slot = ref _anchorSlots[hash & _mask];
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_chars), slot.Place & PackMask)));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(perRange), slot.Range & PackMask)));
        }
    }

    /// <summary>Where the filter's third bit comes from in the hash (0: it is the first bit, so two bits per word).</summary>
    public int ThirdShift { get; }

    // The third bit of a filtered table's words (see Filtered).
    private const int FilteredThirdShift = 12;

    /// <summary>The filter's 64-bit blocks (see <see cref="MayContain"/>), for <see cref="VectorHashFilter"/>.</summary>
    public ulong[] FilterBlocks => _filter;

    /// <summary>A filtered table's 32-bit filter blocks (see <see cref="MayContainNarrow"/>), for <see cref="VectorHashFilter.RunPairs"/>; empty otherwise.</summary>
    public uint[] NarrowBlocks => _narrow;

    /// <summary>The mask of a 32-bit filter block's index.</summary>
    public uint NarrowBlockMask => _narrowMask;

    /// <summary>As <see cref="MayContain"/>, by a filtered table's 32-bit blocks (the same bits mod 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MayContainNarrow(uint hash)
    {
        var block = _narrow[NarrowBlock(hash)];
        return (int)((block >> (int)hash) & (block >> (int)(hash >> 6)) & (block >> (int)(hash >> ThirdShift)) & 1);
    }

    /// <summary>The mask of a filter block's index (see <see cref="MayContain"/>).</summary>
    public uint FilterBlockMask => _filterMask;

    /// <summary>How many words the table holds.</summary>
    public int Count { get; }

    /// <summary>Bytes the table keeps (slots and chars).</summary>
    public long Bytes => ((long)_slots.Length * Unsafe.SizeOf<Slot>()) + ((long)_anchorSlots.Length * Unsafe.SizeOf<AnchorSlot>()) + ((long)_chars.Length * sizeof(char)) + ((long)_filter.Length * sizeof(ulong))
        + ((long)_wordHash.Length * sizeof(uint)) + ((long)_wordStart.Length * sizeof(int));

    /// <summary>
    /// The hash the table uses: the word's length and four blocks of four UTF-16 units, read independently (no
    /// chain of multiplies, no branch on the length up to 16 units): the first four, the last four, and the two
    /// between them for 8 to 16 units; a word under four units is one block with the rest masked off; the blocks
    /// between the first eight and the last eight units of a longer word are mixed in one by one.
    /// </summary>
    public static uint Hash(ReadOnlySpan<char> word)
    {
        if (word.Length >= 4)
        {
            return HashAt(ref MemoryMarshal.GetReference(word), word.Length);
        }

        Span<char> padded = stackalloc char[4];
        word.CopyTo(padded);
        return HashAt(ref MemoryMarshal.GetReference(padded), word.Length);
    }

    /// <summary>
    /// <see cref="Hash"/> of the <paramref name="length"/> chars at <paramref name="start"/>, where at least
    /// max(<paramref name="length"/>, 4) chars are readable (the chars past a short word are masked off). The
    /// mask and the places of the blocks are computed without a branch (word lengths vary from word to word, and
    /// a branch on them is mispredicted often); only a word over 16 units takes one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint HashAt(ref char start, int length)
    {
        ref var bytes = ref Unsafe.As<char, byte>(ref start);
        var n = (uint)length;
        var under4 = 4 - length;
        var over4 = length - 4;
        var over8 = length - 8;
        var mask = ulong.MaxValue >> ((under4 & ~(under4 >> 31)) * 16);
        var last = (uint)(over4 & ~(over4 >> 31));
        var second = (uint)((over8 >> 31) + 1) * 4;
        var third = (uint)(over8 & ~(over8 >> 31));
        var b1 = Unsafe.ReadUnaligned<ulong>(ref bytes) & mask;
        var b2 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, last * 2)) & mask;
        var b3 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, second * 2)) & mask;
        var b4 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, third * 2)) & mask;
        var h = (b1 * Multiplier) ^ BitOperations.RotateLeft(b2 * Multiplier2, 21) ^ BitOperations.RotateLeft(b3 * Multiplier3, 42)
            ^ (b4 * Multiplier4) ^ ((ulong)n << 56);
        if (n > 16)
        {
            h = HashMiddle(ref bytes, n, h);
        }

        h *= Multiplier;
        h ^= h >> 32;
        return (uint)h;
    }

    /// <summary>Mixes in the four-unit blocks between a long word's first eight and last eight units (the last one overlapping).</summary>
    private static ulong HashMiddle(ref byte bytes, uint length, ulong h)
    {
        for (var i = 8u; i < length - 8; i += 4)
        {
            var at = Math.Min(i, length - 12);
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, at * 2))) * Multiplier;
            h ^= h >> 29;
        }

        return h;
    }

    /// <summary>
    /// Asks the CPU to start loading the slot a word with this hash is probed at, some words ahead of the probe:
    /// with thousands of rules the table no longer fits in the cache, and a probe would otherwise wait for memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(uint hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[hash & _mask]));
        }
    }

    /// <summary>
    /// The second step of a prefetch begun with <see cref="Prefetch"/> some words earlier: reads the word's home slot
    /// (by now, usually, in the cache) and asks for the pool chars it points to (a probe that finds the word compares
    /// them) and for <paramref name="perId"/>'s entry of its id, which the caller reads next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchWord(uint hash, int[] perId)
    {
        if (Sse.IsSupported)
        {
            ref readonly var slot = ref _slots[hash & _mask];
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_chars), slot.Offset)));
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(perId), Math.Max(slot.Id - 1, 0))));
        }
    }

    /// <summary>
    /// The same words and ids (sharing the slots and the pool), with a filter in front that passes only the words
    /// for which <paramref name="inFilter"/> holds (and the filter's false positives; a third bit per word from
    /// the hash's bits 12 to 17): <see cref="Find"/> and a filtered probe then find only those; <see cref="Is"/>
    /// still knows every word.
    /// </summary>
    public VocabularyTable Filtered(Func<int, bool> inFilter) => new(this, inFilter, FilteredThirdShift);

    /// <summary>The <see cref="Hash"/> of the word with id <paramref name="id"/>.</summary>
    public uint HashOf(int id) => _wordHash[id];

    /// <summary>Whether <paramref name="word"/>, whose <see cref="Hash"/> is <paramref name="hash"/>, is the word with id <paramref name="id"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Is(int id, ReadOnlySpan<char> word, uint hash)
    {
        return _wordHash[id] == hash && word.SequenceEqual(_chars.AsSpan(_wordStart[id], _wordStart[id + 1] - _wordStart[id]));
    }

    /// <summary>The id of <paramref name="word"/>, whose <see cref="Hash"/> is <paramref name="hash"/>; -1 when absent.</summary>
    public int Find(ReadOnlySpan<char> word, uint hash) => MayContain(hash) == 0 ? -1 : FindUnfiltered(word, hash);

    /// <summary>1 when a word with this hash may be in the table, 0 when it is not (the filter alone, without a branch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int MayContain(uint hash)
    {
        var block = _filter[FilterBlock(hash)];
        return (int)((block >> (int)hash) & (block >> (int)(hash >> 6)) & (block >> (int)(hash >> ThirdShift)) & 1);
    }

    /// <summary>As <see cref="Find"/>, for a word that passed <see cref="MayContain"/>.</summary>
    public int FindUnfiltered(ReadOnlySpan<char> word, uint hash)
    {
        var slots = _slots;
        var slot = hash & _mask;
        while (true)
        {
            ref readonly var s = ref slots[slot];
            if (s.Id == 0)
            {
                return -1;
            }

            if (s.Hash == hash && s.Length == word.Length && word.SequenceEqual(_chars.AsSpan(s.Offset, s.Length)))
            {
                return s.Id - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The filter block of a hash: its high bits (independent of the bits in the block, its low twelve), wrapping into its low bits past 64 K blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint FilterBlock(uint hash) => BitOperations.RotateRight(hash, 16) & _filterMask;

    /// <summary>The 32-bit block of a hash, as <see cref="FilterBlock"/> (one more bit of the index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NarrowBlock(uint hash) => BitOperations.RotateRight(hash, 16) & _narrowMask;

    /// <summary>One slot: the word's hash, its id plus one (0 for an empty slot), and where it sits in the pool.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(uint Hash, int Id, int Offset, int Length);

    /// <summary>
    /// One slot of <see cref="WithAnchorRanges"/>: the word's hash, its id plus one (0 for an empty slot), its
    /// place in the pool (offset, and length in the high 8 bits) and its range (first entry, and count in the
    /// high 8 bits); 16 bytes, as a <see cref="Slot"/>.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct AnchorSlot(uint Hash, int Id, int Place, int Range);
}

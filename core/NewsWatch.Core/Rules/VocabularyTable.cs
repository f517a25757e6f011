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

    private readonly Slot[] _slots;
    private readonly char[] _chars;
    private readonly uint _mask;

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
        _chars = new char[words.Sum(w => w.Length)];
        var offset = 0;
        for (var id = 0; id < words.Count; id++)
        {
            var word = words[id];
            word.CopyTo(_chars.AsSpan(offset));
            var hash = Hash(word);
            var slot = hash & _mask;
            while (_slots[slot].Id != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = new Slot(hash, id + 1, offset, word.Length);
            offset += word.Length;
        }
    }

    /// <summary>How many words the table holds.</summary>
    public int Count { get; }

    /// <summary>Bytes the table keeps (slots and chars).</summary>
    public long Bytes => ((long)_slots.Length * Unsafe.SizeOf<Slot>()) + ((long)_chars.Length * sizeof(char));

    /// <summary>The hash the table uses: four UTF-16 units at a time, multiplied and folded.</summary>
    public static uint Hash(ReadOnlySpan<char> word)
    {
        var h = (ulong)(uint)word.Length * Multiplier;
        var i = 0;
        if (word.Length >= 4)
        {
            ref var bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word));
            for (; i + 4 <= word.Length; i += 4)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i * 2))) * Multiplier;
                h ^= h >> 29;
            }
        }

        for (; i < word.Length; i++)
        {
            h = (h ^ word[i]) * Multiplier;
        }

        h ^= h >> 32;
        return (uint)h;
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

    /// <summary>The id of <paramref name="word"/>, whose <see cref="Hash"/> is <paramref name="hash"/>; -1 when absent.</summary>
    public int Find(ReadOnlySpan<char> word, uint hash)
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

    /// <summary>One slot: the word's hash, its id plus one (0 for an empty slot), and where it sits in the pool.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(uint Hash, int Id, int Offset, int Length);
}

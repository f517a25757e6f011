namespace NewsWatch.Core.Rules;

/// <summary>
/// The folded words of every rule, each with an id equal to its index: an open-addressing hash table probed
/// with a hash computed once per text word, confirmed by a span compare. Immutable after construction.
/// </summary>
internal sealed class VocabularyTable
{
    private readonly uint[] _slotHashes;
    private readonly int[] _slotIds;
    private readonly string[] _words;
    private readonly uint _mask;

    public VocabularyTable(IReadOnlyList<string> words)
    {
        _words = [.. words];
        var size = 16;
        while (size < words.Count * 4)
        {
            size *= 2;
        }

        _mask = (uint)size - 1;
        _slotHashes = new uint[size];
        _slotIds = new int[size];
        Array.Fill(_slotIds, -1);
        for (var id = 0; id < _words.Length; id++)
        {
            var hash = Hash(_words[id]);
            var slot = hash & _mask;
            while (_slotIds[slot] >= 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slotHashes[slot] = hash;
            _slotIds[slot] = id;
        }
    }

    /// <summary>How many words the table holds.</summary>
    public int Count => _words.Length;

    /// <summary>The hash the table uses (FNV-1a over UTF-16 units, then mixed).</summary>
    public static uint Hash(ReadOnlySpan<char> word)
    {
        var h = HashSeed;
        foreach (var c in word)
        {
            h = HashStep(h, c);
        }

        return HashFinish(h);
    }

    /// <summary>The state <see cref="Hash"/> starts from, for hashing a word while it is scanned.</summary>
    public const uint HashSeed = 2166136261u;

    /// <summary>Adds one char to a running <see cref="Hash"/> state.</summary>
    public static uint HashStep(uint h, char c) => (h ^ c) * 16777619u;

    /// <summary>Turns a running state into the value <see cref="Hash"/> returns.</summary>
    public static uint HashFinish(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        return h;
    }

    /// <summary>The id of <paramref name="word"/>, whose <see cref="Hash"/> is <paramref name="hash"/>; -1 when absent.</summary>
    public int Find(ReadOnlySpan<char> word, uint hash)
    {
        var slot = hash & _mask;
        while (true)
        {
            var id = _slotIds[slot];
            if (id < 0)
            {
                return -1;
            }

            if (_slotHashes[slot] == hash && word.SequenceEqual(_words[id]))
            {
                return id;
            }

            slot = (slot + 1) & _mask;
        }
    }
}

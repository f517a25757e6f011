using System.Buffers;

namespace NewsWatch.Core.Rules;

/// <summary>
/// The snippet texts already built for one article, shared by every rule whose hits fall in the same window:
/// with thousands of rules many matches highlight words of the same sentence, and the sentence's text (and the
/// map from its source offsets to the snippet's) is built once. Cleared for every article; not thread-safe.
/// </summary>
internal sealed class SnippetCache
{
    /// <summary>Every char that <see cref="char.IsWhiteSpace(char)"/> calls white space except the plain space, and the soft hyphen.</summary>
    public static readonly SearchValues<char> Special = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => (char.IsWhiteSpace(c) && c != ' ') || c == '\u00AD').ToArray());

    private readonly List<Entry> _entries = [];
    private int[] _maps = new int[1024];
    private int _mapUsed;

    // Open addressing over the entries' keys (entry index + 1 per slot, 0 empty), at most half full.
    private int[] _slots = new int[64];
    private Key[] _keys = new Key[32];

    /// <summary>One snippet's highlight ranges while it is built (see <see cref="GrowRanges"/>).</summary>
    public (int Start, int End)[] Ranges { get; private set; } = new (int Start, int End)[16];

    /// <summary>Doubles <see cref="Ranges"/>, keeping its contents.</summary>
    public (int Start, int End)[] GrowRanges()
    {
        var bigger = new (int Start, int End)[Ranges.Length * 2];
        Ranges.CopyTo(bigger, 0);
        Ranges = bigger;
        return bigger;
    }

    /// <summary>Which terminators of the article end a sentence, as far as tested.</summary>
    public SentenceMemo Sentences { get; } = new();

    /// <summary>Forgets the previous article's snippets.</summary>
    public void Clear()
    {
        Sentences.Clear();
        if (_entries.Count > 0)
        {
            _entries.Clear();
            _mapUsed = 0;
            Array.Clear(_slots);
        }
    }

    /// <summary>The index of the entry built for this window, or -1 (see <see cref="Add"/>).</summary>
    public int Find(int winStart, int winEnd, int fieldAndEllipses)
    {
        var mask = _slots.Length - 1;
        for (var slot = Hash(winStart, winEnd, fieldAndEllipses) & mask; ; slot = (slot + 1) & mask)
        {
            var i = _slots[slot] - 1;
            if (i < 0)
            {
                return -1;
            }

            ref readonly var key = ref _keys[i];
            if (key.WinStart == winStart && key.WinEnd == winEnd && key.FieldAndEllipses == fieldAndEllipses)
            {
                return i;
            }
        }
    }

    /// <summary>The entry at <paramref name="index"/> (from <see cref="Find"/> or <see cref="Add"/>).</summary>
    public Entry At(int index) => _entries[index];

    /// <summary>Remembers an entry for its window and returns its index.</summary>
    public int Add(int winStart, int winEnd, int fieldAndEllipses, in Entry entry)
    {
        var index = _entries.Count;
        if ((index + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        if (index == _keys.Length)
        {
            Array.Resize(ref _keys, index * 2);
        }

        _keys[index] = new Key(winStart, winEnd, fieldAndEllipses);
        _entries.Add(entry);
        Place(index);
        return index;
    }

    private static int Hash(int winStart, int winEnd, int fieldAndEllipses) =>
        (int)((uint)((winStart * 31) + (winEnd * 0x3B9) + fieldAndEllipses) * 0x9E3779B1u >> 7);

    private void Place(int index)
    {
        var mask = _slots.Length - 1;
        ref readonly var key = ref _keys[index];
        var slot = Hash(key.WinStart, key.WinEnd, key.FieldAndEllipses) & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        _slots[slot] = index + 1;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        for (var i = 0; i < _entries.Count; i++)
        {
            Place(i);
        }
    }

    /// <summary>Keeps a map of <paramref name="map"/>'s values and returns where it starts.</summary>
    public int StoreMap(ReadOnlySpan<int> map)
    {
        if (_mapUsed + map.Length > _maps.Length)
        {
            Array.Resize(ref _maps, Math.Max(_maps.Length * 2, _mapUsed + map.Length));
        }

        map.CopyTo(_maps.AsSpan(_mapUsed));
        var start = _mapUsed;
        _mapUsed += map.Length;
        return start;
    }

    /// <summary>The snippet offset of source offset <paramref name="offset"/> (relative to the entry's trimmed start).</summary>
    public int Map(in Entry entry, int offset) => entry.MapStart < 0 ? offset + entry.Lead : _maps[entry.MapStart + offset];

    private readonly record struct Key(int WinStart, int WinEnd, int FieldAndEllipses);

    /// <summary>
    /// One built snippet text: <paramref name="TrimmedStart"/> is the source offset its map starts at; the map is
    /// the identity shifted by <paramref name="Lead"/> when <paramref name="MapStart"/> is -1.
    /// </summary>
    internal readonly record struct Entry(string Text, int TrimmedStart, int MapStart, int Lead);
}

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

    private readonly Dictionary<(int WinStart, int WinEnd, int FieldAndEllipses), int> _index = [];
    private readonly List<Entry> _entries = [];
    private int[] _maps = new int[1024];
    private int _mapUsed;

    /// <summary>Forgets the previous article's snippets.</summary>
    public void Clear()
    {
        if (_entries.Count > 0)
        {
            _index.Clear();
            _entries.Clear();
            _mapUsed = 0;
        }
    }

    /// <summary>The entry built for this window, if any.</summary>
    public bool TryGet(int field, int winStart, int winEnd, int ellipses, out Entry entry)
    {
        if (_index.TryGetValue((winStart, winEnd, field | (ellipses << 1)), out var i))
        {
            entry = _entries[i];
            return true;
        }

        entry = default;
        return false;
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

    /// <summary>Remembers an entry for its window.</summary>
    public void Add(int field, int winStart, int winEnd, int ellipses, in Entry entry)
    {
        _index.Add((winStart, winEnd, field | (ellipses << 1)), _entries.Count);
        _entries.Add(entry);
    }

    /// <summary>
    /// One built snippet text: <paramref name="TrimmedStart"/> is the source offset its map starts at; the map is
    /// the identity shifted by <paramref name="Lead"/> when <paramref name="MapStart"/> is -1.
    /// </summary>
    internal readonly record struct Entry(string Text, int TrimmedStart, int MapStart, int Lead);
}

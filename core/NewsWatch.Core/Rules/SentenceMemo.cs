namespace NewsWatch.Core.Rules;

/// <summary>
/// Whether a terminator ends a sentence (<see cref="SentenceBoundaries.EndsSentence"/>), kept for the article: the
/// sentence searches of many matches meet the same terminators (a sentence's end is the next one's start, and
/// rules that hit words of one sentence search around it alike). Direct-mapped by position: a slot holds the last
/// terminator tested there. Cleared for every article; not thread-safe.
/// </summary>
internal sealed class SentenceMemo
{
    private const int Size = 256;

    // Per slot: (position * 2 + field) * 2 + verdict, plus 1 (0: empty).
    private readonly int[] _slots = new int[Size];
    private bool _used;

    /// <summary>Forgets the previous article.</summary>
    public void Clear()
    {
        if (_used)
        {
            Array.Clear(_slots);
            _used = false;
        }
    }

    /// <summary>The same as <see cref="SentenceBoundaries.EndsSentence"/> for the terminator at <paramref name="i"/> of field <paramref name="field"/> (whose text is <paramref name="text"/> at every call until <see cref="Clear"/>).</summary>
    public bool EndsSentence(string text, int field, int i)
    {
        var key = (i * 2) + field;
        ref var slot = ref _slots[i & (Size - 1)];
        if (slot != 0 && (slot - 1) >> 1 == key)
        {
            return ((slot - 1) & 1) != 0;
        }

        var ends = SentenceBoundaries.EndsSentence(text, i);
        slot = (key * 2) + (ends ? 1 : 0) + 1;
        _used = true;
        return ends;
    }
}

namespace NewsWatch.Core.Rules;

/// <summary>A run of words in one field (0 title, 1 body), first and last word index inclusive.</summary>
internal readonly record struct WordSpan(int Field, int First, int Last)
{
    /// <summary>Orders spans by field, then first word, then last word.</summary>
    public static int Compare(WordSpan a, WordSpan b)
    {
        var c = a.Field.CompareTo(b.Field);
        if (c == 0)
        {
            c = a.First.CompareTo(b.First);
        }

        return c != 0 ? c : a.Last.CompareTo(b.Last);
    }
}

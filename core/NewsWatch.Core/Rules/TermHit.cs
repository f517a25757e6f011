namespace NewsWatch.Core.Rules;

/// <summary>One occurrence of a term in a field, chained to the term's next occurrence.</summary>
/// <param name="Term">Index of the term in the rule set.</param>
/// <param name="Field">0 for the title, 1 for the body.</param>
/// <param name="Start">UTF-16 index of the hit's first char in the field text.</param>
/// <param name="End">UTF-16 index just past the hit.</param>
/// <param name="Next">Index of the term's next hit in the hit list, or -1.</param>
/// <param name="FirstWord">Index of the hit's first word among the field's words.</param>
/// <param name="LastWord">Index of the hit's last word among the field's words.</param>
internal readonly record struct TermHit(int Term, int Field, int Start, int End, int Next, int FirstWord = 0, int LastWord = 0)
{
    /// <summary>Orders hits by field, then position.</summary>
    public static int Compare(TermHit a, TermHit b)
    {
        var c = a.Field.CompareTo(b.Field);
        if (c == 0)
        {
            c = a.Start.CompareTo(b.Start);
        }

        return c != 0 ? c : b.End.CompareTo(a.End);
    }

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/> (<see cref="Compare"/> below 0), without copying either.</summary>
    public static bool Precedes(in TermHit a, in TermHit b) =>
        a.Field != b.Field ? a.Field < b.Field : a.Start != b.Start ? a.Start < b.Start : b.End < a.End;
}

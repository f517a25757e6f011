namespace NewsWatch.Core.Rules;

/// <summary>
/// Working memory for one <see cref="RuleSet.Match"/> call, reused between calls so that the scan allocates
/// nothing once warm. Only one thread uses an instance at a time.
/// </summary>
internal sealed class MatchScratch
{
    public MatchScratch(int termCount, int ruleCount)
    {
        TitleHits = new int[termCount];
        BodyHits = new int[termCount];
        TotalHits = new int[termCount];
        FirstHit = new int[termCount];
        LastHit = new int[termCount];
        TermSlot = new int[termCount];
        RuleStamp = new int[ruleCount];
    }

    /// <summary>The words of the field being scanned.</summary>
    public TokenBuffer Buffer { get; } = new();

    /// <summary>Per word of the field being scanned, its vocabulary id or -1.</summary>
    public int[] WordIds { get; set; } = new int[1024];

    /// <summary>Per term, hits in the title.</summary>
    public int[] TitleHits { get; }

    /// <summary>Per term, hits in the body.</summary>
    public int[] BodyHits { get; }

    /// <summary>Per term, hits in title and body.</summary>
    public int[] TotalHits { get; }

    /// <summary>Per term, index of its first hit in <see cref="Hits"/> (valid for touched terms).</summary>
    public int[] FirstHit { get; }

    /// <summary>Per term, index of its last hit in <see cref="Hits"/> (valid for touched terms).</summary>
    public int[] LastHit { get; }

    /// <summary>Per term, its index among the positive terms of the rule whose match is being built (set before use).</summary>
    public int[] TermSlot { get; }

    /// <summary>The terms hit in this article.</summary>
    public List<int> Touched { get; } = [];

    /// <summary>Every hit of this article.</summary>
    public TermHit[] Hits { get; set; } = new TermHit[256];

    /// <summary>How many of <see cref="Hits"/> are in use.</summary>
    public int HitCount { get; set; }

    /// <summary>Per rule, the <see cref="Stamp"/> of the last call that made it a candidate.</summary>
    public int[] RuleStamp { get; }

    /// <summary>Changes on every call so that <see cref="RuleStamp"/> needs no clearing.</summary>
    public int Stamp { get; set; }

    /// <summary>The rules to evaluate in this call.</summary>
    public List<int> Candidates { get; } = [];

    /// <summary>One rule's hits, sorted, while its snippets are built.</summary>
    public List<TermHit> RuleHits { get; } = [];

    /// <summary>One snippet's highlight ranges while it is built.</summary>
    public List<(int Start, int End)> SnippetRanges { get; } = [];

    /// <summary>The text of the field being scanned (for case-sensitive re-checks).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Clears what the previous call left.</summary>
    public void Reset()
    {
        foreach (var t in Touched)
        {
            TitleHits[t] = 0;
            BodyHits[t] = 0;
            TotalHits[t] = 0;
        }

        Touched.Clear();
        Candidates.Clear();
        HitCount = 0;
        if (++Stamp == int.MaxValue)
        {
            Array.Clear(RuleStamp);
            Stamp = 1;
        }
    }

    /// <summary>Records a hit of <paramref name="term"/>.</summary>
    public void Record(int term, int field, int start, int end, int firstWord, int lastWord)
    {
        if (TotalHits[term] > 0)
        {
            // Two spellings of one term at one place (a compound and its split form cannot, a transcription can).
            var previous = Hits[LastHit[term]];
            if (previous.Field == field && previous.Start == start)
            {
                return;
            }
        }

        if (HitCount == Hits.Length)
        {
            var bigger = new TermHit[Hits.Length * 2];
            Array.Copy(Hits, bigger, HitCount);
            Hits = bigger;
        }

        var index = HitCount++;
        Hits[index] = new TermHit(term, field, start, end, -1, firstWord, lastWord);
        if (TotalHits[term] == 0)
        {
            Touched.Add(term);
            FirstHit[term] = index;
        }
        else
        {
            var last = LastHit[term];
            Hits[last] = Hits[last] with { Next = index };
        }

        LastHit[term] = index;
        TotalHits[term]++;
        if (field == 0)
        {
            TitleHits[term]++;
        }
        else
        {
            BodyHits[term]++;
        }
    }
}

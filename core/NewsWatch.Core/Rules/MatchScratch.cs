using System.Runtime.CompilerServices;

namespace NewsWatch.Core.Rules;

/// <summary>
/// Working memory for one <see cref="RuleSet.Match"/> call, reused between calls so that the scan allocates
/// nothing once warm. Only one thread uses an instance at a time.
/// </summary>
internal sealed class MatchScratch
{
    private readonly Stack<List<WordSpan>> _spanLists = new();

    public MatchScratch(int termCount, int ruleCount)
    {
        Terms = new TermState[termCount];
        TermSlot = new int[termCount];
        RuleStamp = new int[ruleCount];
    }

    /// <summary>The words of the field being scanned.</summary>
    public TokenBuffer Buffer { get; } = new();

    /// <summary>Per word of the field being scanned, its vocabulary id or -1.</summary>
    public int[] WordIds { get; set; } = new int[1024];

    /// <summary>The positions of the words of the field being scanned that are some rule's word, in order.</summary>
    public int[] FoundAt { get; set; } = new int[1024];

    /// <summary>The positions of the words of the field being scanned that may start with some rule's wildcard prefix, in order.</summary>
    public int[] PrefixAt { get; set; } = new int[1024];

    /// <summary>Per anchoring word of the field being scanned (in the order of <see cref="FoundAt"/>), its range of anchored spellings: from, to.</summary>
    public int[] AnchorRanges { get; set; } = new int[2048];

    /// <summary>One bit per word of the field being scanned, while the candidates of the pair filter are added.</summary>
    public ulong[] CandidateBits { get; set; } = new ulong[32];

    /// <summary>Per term, its hits in this article (cleared only for the terms in <see cref="Touched"/>).</summary>
    public TermState[] Terms { get; }

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

    /// <summary>The snippet texts built for this article, shared between its matching rules.</summary>
    public SnippetCache Snippets { get; } = new();

    /// <summary>The text of the field being scanned (for case-sensitive re-checks).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>An empty list of word spans, reused between calls (see <see cref="NearSpans"/>).</summary>
    public List<WordSpan> RentSpans() => _spanLists.Count > 0 ? _spanLists.Pop() : [];

    /// <summary>Gives back a list from <see cref="RentSpans"/>.</summary>
    public void ReturnSpans(List<WordSpan> spans)
    {
        spans.Clear();
        _spanLists.Push(spans);
    }

    /// <summary>
    /// Above this many chars of room for a field's text the scratch gives its text-sized arrays back after the
    /// call (<see cref="ReleaseLarge"/>): they take up to 26 bytes per char, 26 MB after one 1 MB text.
    /// </summary>
    public const int LargeTextChars = 256 * 1024;

    /// <summary>Above this many entries the array of hits is given back after the call (28 bytes each).</summary>
    public const int LargeHitCount = 64 * 1024;

    /// <summary>How many chars of text the scratch has room for (the largest of its text- and word-sized arrays, in chars).</summary>
    public int CapacityChars => Math.Max(Buffer.CapacityChars, 2 * Math.Max(Buffer.CapacityWords, Math.Max(WordIds.Length, Math.Max(FoundAt.Length, Math.Max(PrefixAt.Length, AnchorRanges.Length / 2)))));

    /// <summary>
    /// After a call on a long text, gives back the arrays grown for it (the next call grows them again to what it
    /// needs), so that a long-lived worker's scratch stays at the size of ordinary articles.
    /// </summary>
    public void ReleaseLarge()
    {
        if (CapacityChars > LargeTextChars)
        {
            Buffer.Release();
            WordIds = new int[1024];
            FoundAt = new int[1024];
            PrefixAt = new int[1024];
            AnchorRanges = new int[2048];
            CandidateBits = new ulong[32];
        }

        if (Hits.Length > LargeHitCount)
        {
            Hits = new TermHit[256];
            HitCount = 0;
        }
    }

    /// <summary>Clears what the previous call left.</summary>
    public void Reset()
    {
        var terms = Terms;
        foreach (var t in Touched)
        {
            terms[t] = default;
        }

        Touched.Clear();
        Candidates.Clear();
        Snippets.Clear();
        HitCount = 0;
        if (++Stamp == int.MaxValue)
        {
            Array.Clear(RuleStamp);
            Stamp = 1;
        }
    }

    /// <summary>
    /// Rewrites only <see cref="TermHit.Next"/> of <paramref name="hit"/> (the fifth int of its sequential layout):
    /// `hit with { Next = ... }` copies the whole hit through the stack in two overlapping 16-byte halves and
    /// reloads them, a store the CPU cannot forward (about 4 % of the scan with many hits).
    /// </summary>
    internal static void SetNext(ref TermHit hit, int next) => Unsafe.Add(ref Unsafe.As<TermHit, int>(ref hit), NextOffset) = next;

    /// <summary>The index of <see cref="TermHit.Next"/> among the ints of a <see cref="TermHit"/> (checked by a test).</summary>
    internal const int NextOffset = 4;

    /// <summary>Records a hit of <paramref name="term"/>.</summary>
    public void Record(int term, int field, int start, int end, int firstWord, int lastWord)
    {
        ref var state = ref Terms[term];
        var first = state.Total == 0;
        if (!first)
        {
            // Two spellings of one term at one place (a compound and its split form cannot, a transcription can).
            ref readonly var previous = ref Hits[state.LastHit];
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
        if (first)
        {
            Touched.Add(term);
            state.FirstHit = index;
        }
        else
        {
            SetNext(ref Hits[state.LastHit], index);
        }

        state.LastHit = index;
        if (field == 0)
        {
            state.TitleHits++;
        }
        else
        {
            state.BodyHits++;
        }
    }

    /// <summary>One rule's hits, sorted, while its result is built (the current path; grown as needed).</summary>
    public TermHit[] RuleHitBuffer { get; set; } = new TermHit[64];

    /// <summary>The hits of the rules matched so far in this call, packed (copied out to the results at the end of the call).</summary>
    public PackedHit[] PackedHits { get; set; } = new PackedHit[256];

    /// <summary>How many of <see cref="PackedHits"/> are in use.</summary>
    public int PackedCount { get; set; }

    /// <summary>Beside <see cref="Candidates"/>, each candidate's result block (see <c>RuleSet._triggerEntries</c>).</summary>
    public List<int> CandidateBlocks { get; } = [];

    /// <summary>The rules that matched in this call, each as its index times 2^32 plus its result block: sorted, in rule order.</summary>
    public List<long> MatchedEntries { get; } = [];

    /// <summary>Whether the body was scanned without its deferred wildcards, which are not yet looked for (<c>RuleSet.DeferredPass</c>).</summary>
    public bool DeferredPending { get; set; }

    /// <summary>Whether the body was scanned where wildcards can be deferred (deferred or not, see <see cref="DeferredPending"/>).</summary>
    public bool DeferrableBody { get; set; }

    /// <summary>The deferred prefixes that this call's candidates read.</summary>
    public List<int> DeferredNeeded { get; } = [];

    /// <summary>Per prefix, the <see cref="DeferredMark"/> of the last call that needed it.</summary>
    public int[] DeferredMarks { get; set; } = [];

    /// <summary>Counts the calls that searched for deferred prefixes (marks in <see cref="DeferredMarks"/>).</summary>
    public int DeferredMark { get; set; }

    /// <summary>Per word of the body, its first four folded chars as one value (see <see cref="HeadsValid"/>).</summary>
    public ulong[] WordHeads { get; set; } = [];

    /// <summary>Whether the body's scan wrote <see cref="WordHeads"/> (it does when it defers wildcards, on the fused path).</summary>
    public bool HeadsValid { get; set; }
}

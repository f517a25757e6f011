namespace NewsWatch.Core.Rules;

/// <summary>One rule that matched one article.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Query">The rule's query as written.</param>
/// <param name="Count">How many times the rule's (positive) terms were found, title and body together.</param>
/// <param name="Terms">Per term and field, how often it was found.</param>
/// <param name="Snippets">The sentences that hold the hits, with the hits highlighted.</param>
public sealed record RuleMatch(
    string RuleId,
    string Query,
    int Count,
    IReadOnlyList<TermMatch> Terms,
    IReadOnlyList<Snippet> Snippets)
{
    // Built by RuleSet.Match: the hits of every matched rule of the article in one shared array, this rule's from
    // _firstHit on, and the rule's term displays (from _displayStart of _displays); the RuleHit objects are made on first read of Hits (alerts never
    // read them).
    private readonly ArticleHits? _article;
    private readonly int _firstHit;
    private readonly int _hitCount;
    private readonly string[]? _displays;
    private readonly int _displayStart;
    private IReadOnlyList<RuleHit>? _hits;

    internal RuleMatch(string ruleId, string query, int count, IReadOnlyList<TermMatch> terms, IReadOnlyList<Snippet> snippets,
        ArticleHits article, int firstHit, int hitCount, string[] displays, int displayStart)
        : this(ruleId, query, count, terms, snippets)
    {
        _article = article;
        _firstHit = firstHit;
        _hitCount = hitCount;
        _displays = displays;
        _displayStart = displayStart;
    }

    /// <summary>Every hit that counts for the rule, by field then position: why it matched.</summary>
    public IReadOnlyList<RuleHit> Hits
    {
        get => Volatile.Read(ref _hits) ?? MakeHits();
        init => _hits = value;
    }

    private IReadOnlyList<RuleHit> MakeHits()
    {
        RuleHit[] hits = [];
        if (_article is not null && _hitCount > 0)
        {
            var packed = _article.Items.AsSpan(_firstHit, _hitCount);
            hits = new RuleHit[packed.Length];
            for (var i = 0; i < packed.Length; i++)
            {
                var p = packed[i];
                hits[i] = new RuleHit(_displays![_displayStart + (p.SlotAndField >> 1)], (p.SlotAndField & 1) == 0 ? "title" : "body", p.Start, p.Length);
            }
        }

        // Another thread may have made them first: every reader gets the same list.
        return Interlocked.CompareExchange(ref _hits, hits, null) ?? hits;
    }
}

/// <summary>How often one term of a rule was found in one field ("title" or "body").</summary>
public sealed record TermMatch(string Term, string Field, int Count);

/// <summary>A sentence that holds hits. Offsets in <see cref="Highlights"/> are UTF-16 code units into <see cref="Text"/>.</summary>
public sealed record Snippet(string Field, string Text, IReadOnlyList<Highlight> Highlights);

/// <summary>One highlighted hit inside a snippet's text.</summary>
public sealed record Highlight(int Start, int Length);

/// <summary>The hits of every rule that matched one article, in one array (see <see cref="RuleMatch.Hits"/>); set once, before the results are returned.</summary>
internal sealed class ArticleHits
{
    public PackedHit[] Items { get; set; } = [];
}

/// <summary>One hit of a matched rule: where, and (<see cref="SlotAndField"/>) the index of its term among the rule's positive terms times two, plus 1 in the body.</summary>
internal readonly record struct PackedHit(int Start, int Length, int SlotAndField);

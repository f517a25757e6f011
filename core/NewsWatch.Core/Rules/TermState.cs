namespace NewsWatch.Core.Rules;

/// <summary>
/// What one article did to one term: its hits per field and its chain of hits. One 16-byte entry per term, so
/// recording a hit, resetting and evaluating touch one cache line per term.
/// </summary>
internal struct TermState
{
    /// <summary>Hits in the title.</summary>
    public int TitleHits;

    /// <summary>Hits in the body.</summary>
    public int BodyHits;

    /// <summary>Index of the term's first hit in <see cref="MatchScratch.Hits"/> (valid when it has hits).</summary>
    public int FirstHit;

    /// <summary>Index of the term's last hit in <see cref="MatchScratch.Hits"/> (valid when it has hits).</summary>
    public int LastHit;

    /// <summary>Hits in title and body.</summary>
    public readonly int Total => TitleHits + BodyHits;
}

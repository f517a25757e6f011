namespace NewsWatch.Core.Rules;

/// <summary>NEAR/n and ONEAR/n over hit positions (filled in with the proximity operators).</summary>
internal static class NearSpans
{
    /// <summary>Whether a NEAR node has at least one pair of hits close enough.</summary>
    public static bool Any(QueryNode node, MatchScratch s) => false;
}

namespace NewsWatch.Core.Rules;

/// <summary>The changes of rounds snippets16 and results17 to result building, each of which <see cref="RuleSet.ResultsInOrderBaseline"/> can turn off.</summary>
[Flags]
internal enum ResultSteps
{
    /// <summary>BuildMatch copies a rule's hits without a 28-byte temporary (which the JIT stores and reloads in overlapping halves) and compares them by reference; the distinct pass moves none until the first duplicate.</summary>
    NoStructCopies = 2,

    /// <summary>Round results17: a snippet window's test for chars to collapse or drop (<see cref="SnippetBuilder.NeedsRewrite"/>) in one vectorised pass instead of a probabilistic-map <c>IndexOfAny</c> and a search for two spaces.</summary>
    FusedSpecialScan = 4,

    /// <summary>Round results17: the sentence bounds' terminator searches in one vectorised pass each (<see cref="SentenceBoundaries.IndexOfTerminatorFused"/>: the ASCII ones and every char from U+2026 up, then an exact test) instead of an ASCII set search and a range search for the wide ones.</summary>
    FusedTerminatorSearch = 8,

    /// <summary>Round results17: <see cref="SnippetBuilder.NeedsRewriteLean"/>, a vector test of seven lane conditions (a superset of the wide chars, each candidate tested exactly) instead of <see cref="FusedSpecialScan"/>'s exact one of fifteen.</summary>
    LeanSpecialScan = 16,
}

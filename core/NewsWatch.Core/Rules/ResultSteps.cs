namespace NewsWatch.Core.Rules;

/// <summary>The changes of round snippets16 to result building, each of which <see cref="RuleSet.ResultsInOrderBaseline"/> can turn off.</summary>
[Flags]
internal enum ResultSteps
{
    /// <summary>No change (the steps tried so far were dropped).</summary>
    None = 0,
}

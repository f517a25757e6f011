using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Tests.Rules;

/// <summary>Matching with one of <see cref="RuleSet.Step"/>'s steps behind the A/B switch, against matching with every step.</summary>
internal static class BaselineStep
{
    /// <summary>
    /// Matches with every step, then with only <paramref name="step"/> taken back, asserts that both give the same
    /// rules, hits and term counts, and returns the first; the switch is left off whatever happens.
    /// </summary>
    public static IReadOnlyList<RuleMatch> MatchSameWithout(RuleSet set, RuleSet.Step step, string? title, string body)
    {
        var saved = RuleSet.BaselineSteps;
        try
        {
            set.Baseline = false;
            var current = set.Match(title, body);
            RuleSet.BaselineSteps = step; // only this step behind the switch
            set.Baseline = true;
            var before = set.Match(title, body);
            Assert.Equal(before.Select(m => m.RuleId), current.Select(m => m.RuleId));
            for (var i = 0; i < before.Count; i++)
            {
                Assert.Equal(before[i].Hits, current[i].Hits);
                Assert.Equal(before[i].Terms, current[i].Terms);
            }

            return current;
        }
        finally
        {
            RuleSet.BaselineSteps = saved;
            set.Baseline = false;
        }
    }
}

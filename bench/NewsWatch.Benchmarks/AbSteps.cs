using System.Globalization;
using System.Runtime.CompilerServices;
using NewsWatch.Core.Rules;

namespace NewsWatch.Benchmarks;

/// <summary>
/// Which of the changes behind <see cref="RuleSet.Baseline"/> the A/B mode times: the environment variable
/// NEWSWATCH_AB_STEPS, a bit mask of <c>RuleSet.Step</c> (all when unset; now 32768, round probe19's anchor slots,
/// and 524288, round 19's anchor table), read when the benchmark starts.
/// </summary>
internal static class AbSteps
{
    [ModuleInitializer]
    internal static void Init()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("NEWSWATCH_AB_STEPS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var steps))
        {
            RuleSet.BaselineSteps = (RuleSet.Step)steps;
        }
    }
}

using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>A hostile rule in a changed config, in the real Functions host: the worker must not crash (and crash again on restart).</summary>
public sealed class DeepRuleHostTests
{
    private const int Depth = 10_000;

    // Seen in the host before the parser fix: "Stack overflow." in RuleParser, the worker exited with 134, the host
    // started another, which read the same file and died again, until the host gave up and exited.
    [FunctionsHostFact]
    public async Task ConfigFile_RuleWith10000NestedParentheses_WorkerKeepsRunningAndAlerting()
    {
        // Its own host, started here: a skipped test costs nothing.
        await using var host = await FunctionsHostFixture.StartAsync<DeepRuleHostFixture>();
        await host.WaitForAlertsAsync(3);

        var deep = new string('(', Depth) + "ceasefire" + new string(')', Depth);
        await host.WriteConfigFileAsync(host.ConfigJson([.. FunctionsHostFixture.DefaultRules, ("deep", deep)]));
        host.Site.AddStory("truce-talks", "Truce talks in Geneva", "Delegations arrived in Geneva hoping to agree a ceasefire before the weekend.");

        // Refused (too deep) or accepted (no recursion): either way the app goes on scanning, and the new story alerts.
        var alerts = await host.WaitForAlertsAsync(4);
        Assert.Contains(alerts, a => a.RuleId == "ceasefire" && a.ArticleUrl.Contains("truce-talks", StringComparison.Ordinal));
        await host.WaitForScanCyclesAsync(2);

        // One worker for the whole run: it never died on the rule (a stack overflow kills the process, and the host
        // would start a new worker, which reads the same config and dies again).
        Assert.Equal(1, host.Log.CountOf("Worker process started and initialized"));
        Assert.False(host.Host.HasExited);
    }
}

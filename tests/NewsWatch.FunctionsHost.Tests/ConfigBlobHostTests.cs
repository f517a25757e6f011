using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>The config blob changed to one that fails validation, in the real Functions host: the last good config stays.</summary>
public sealed class ConfigBlobHostTests(ConfigBlobHostFixture host) : IClassFixture<ConfigBlobHostFixture>
{
    [FunctionsHostFact]
    public async Task ConfigBlob_ChangedToAnInvalidConfig_RefusedAndTheLastGoodConfigKeepsAlerting()
    {
        await host.WaitForAlertsAsync(3);
        await host.WaitForEmailsAsync(5);

        // A changed config with a rule that does not parse, and a rule the new story would match.
        var mark = host.Log.Mark();
        await host.UploadConfigBlobAsync(host.ConfigJson([.. FunctionsHostFixture.DefaultRules, ("broken-rule", "ceasefire AND ("), ("truce", "truce")]));

        // The app re-reads the blob when its ETag changed (checked at most every 30 s) and logs why it refused it.
        await host.WaitForLogAsync(mark, ["config/newswatch.json", "broken-rule"], TimeSpan.FromSeconds(120));

        // The last good config still scans, matches and sends: a new story alerts under its rules, not the refused ones.
        host.Site.AddStory("ceasefire-holds", "Ceasefire holds overnight", "The ceasefire held overnight, and a truce monitor said no shots were fired.");
        var alerts = await host.WaitForAlertsAsync(4);
        var added = Assert.Single(alerts, a => a.ArticleUrl.Contains("ceasefire-holds", StringComparison.Ordinal));
        Assert.Equal("ceasefire", added.RuleId);
        await host.WaitForEmailsAsync(7);

        await host.WaitForScanCyclesAsync(1);
        Assert.Equal(4, (await host.AlertsAsync()).Count);
        Assert.DoesNotContain(await host.AlertsAsync(), a => a.RuleId is "truce" or "broken-rule");
        Assert.Equal(1, host.Log.CountOf("Worker process started and initialized"));
    }
}

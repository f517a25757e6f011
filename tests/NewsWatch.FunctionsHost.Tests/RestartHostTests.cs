using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>The host stopped and started again on the same storage with a changed config: state carries over, the new config rules.</summary>
public sealed class RestartHostTests(PipelineHostFixture host) : IClassFixture<PipelineHostFixture>
{
    [FunctionsHostFact]
    public async Task Restart_WithAChangedConfigFile_NewRuleAlertsOnNewStoriesAndNothingIsSentAgain()
    {
        await host.FirstCycleAsync();

        await host.WriteConfigFileAsync(host.ConfigJson([.. FunctionsHostFixture.DefaultRules, ("truce", "truce")]));
        await host.RestartHostAsync();
        host.Site.AddStory("truce-agreed", "Truce agreed", "Both sides agreed a truce that starts at midnight.");

        var alerts = await host.WaitForAlertsAsync(PipelineHostFixture.ExpectedAlerts + 1);
        var added = Assert.Single(alerts, a => a.ArticleUrl.Contains("truce-agreed", StringComparison.Ordinal));
        Assert.Equal("truce", added.RuleId);
        await host.WaitForEmailsAsync(PipelineHostFixture.ExpectedEmails + 1);
        await host.WaitForScanCyclesAsync(1);

        // The seen articles stayed seen across the restart: no new alert under the new rule on them, no email again.
        Assert.Equal(PipelineHostFixture.ExpectedAlerts + 1, (await host.AlertsAsync()).Count);
        Assert.Equal(PipelineHostFixture.ExpectedEmails + 1, host.Smtp.Received.Count);
        Assert.Equal(1, host.Site.RequestCount(LoopbackNewsSite.StoryPath("talks-resume")));
        var truce = Assert.Single(host.Smtp.MessagesFor(FunctionsHostFixture.Everything), m => (m.Subject ?? "").Contains("\"truce\"", StringComparison.Ordinal));
        Assert.Contains("Truce agreed", truce.Subject, StringComparison.Ordinal);
    }
}

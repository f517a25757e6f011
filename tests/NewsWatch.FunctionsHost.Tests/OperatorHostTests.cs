using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// Operator emails in the real Functions host, through the SMTP server: a source whose listing fails for longer than the
/// failing threshold gives one "failing" email, further failed scans none, and its recovery one "recovered" email.
/// </summary>
public sealed class OperatorHostTests(OperatorHostFixture host) : IClassFixture<OperatorHostFixture>
{
    [FunctionsHostFact]
    public async Task SourceTurnsFailing_ThenRecovers_OperatorsGetOneEmailEach_NoneTwice()
    {
        // Both sources sound: their alerts (2) arrive, no operator email.
        await host.WaitForAlertsAsync(2);
        await host.WaitForScanCyclesAsync(1);
        Assert.Empty(OperatorEmails());

        host.Failing = true;
        var failing = await WaitForOperatorEmailsAsync(1);
        Assert.Contains($"source {OperatorHostFixture.FlakySource} is failing", failing[0].Subject, StringComparison.Ordinal);

        // More failed scans (the backoff lets one through every few seconds): still one email.
        var requests = host.Site.RequestCount(OperatorHostFixture.FlakyPath);
        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Site.RequestCount(OperatorHostFixture.FlakyPath) >= requests + 2),
            () => "two more failed scans of the flaky listing");
        Assert.Single(OperatorEmails());

        host.Failing = false;
        var both = await WaitForOperatorEmailsAsync(2);
        Assert.Contains($"source {OperatorHostFixture.FlakySource} has recovered", both[1].Subject, StringComparison.Ordinal);

        // Later sound scans: nothing more.
        requests = host.Site.RequestCount(OperatorHostFixture.FlakyPath);
        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Site.RequestCount(OperatorHostFixture.FlakyPath) >= requests + 2),
            () => "two more sound scans of the flaky listing");
        Assert.Equal(2, OperatorEmails().Count);
        Assert.DoesNotContain(OperatorEmails(), m => (m.Subject ?? "").Contains(FunctionsHostFixture.SourceId, StringComparison.Ordinal));
    }

    private List<MimeKit.MimeMessage> OperatorEmails() => [.. host.Smtp.MessagesFor(OperatorHostFixture.Operator)];

    private async Task<List<MimeKit.MimeMessage>> WaitForOperatorEmailsAsync(int count)
    {
        await host.WaitUntilAsync(
            _ => Task.FromResult(OperatorEmails().Count >= count),
            () => $"{count} operator emails (have {OperatorEmails().Count})");
        return [.. OperatorEmails().OrderBy(m => m.Date)];
    }
}

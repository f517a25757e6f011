using NewsWatch.Testing;

namespace NewsWatch.IntegrationTests.Cli;

/// <summary><c>newswatch deliver</c> and <c>watch</c> on the sample with a real SMTP server: one email per alert and subscriber, once.</summary>
public sealed class DeliverAndWatchTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("nw-deliver-").FullName;
    private static string SampleConfig => Path.Combine(RepoPaths.Root, "samples", "newswatch.json");

    [Fact]
    public async Task Deliver_AfterScan_SendsOneEmailPerAlertAndSubscriber_AndNothingTwice()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var env = new Dictionary<string, string> { ["NEWSWATCH_SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        await CliRunner.RunAsync(RepoPaths.Root, env, "scan", "--config", SampleConfig, "--out", _out);

        var first = await CliRunner.RunAsync(RepoPaths.Root, env, "deliver", "--config", SampleConfig, "--out", _out);
        var second = await CliRunner.RunAsync(RepoPaths.Root, env, "deliver", "--config", SampleConfig, "--out", _out);

        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("Alerts delivered: 3, emails sent: 5", first.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts delivered: 0, emails sent: 0", second.StdOut, StringComparison.Ordinal);
        // policy-desk takes every rule (3 alerts); the newsroom only "ceasefire" (2 alerts).
        Assert.Equal(3, smtp.MessagesFor("policy-desk@example.org").Count);
        Assert.Equal(2, smtp.MessagesFor("newsroom@example.org").Count);
        Assert.Equal(5, smtp.Received.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(_out, "queue"), "*.json"));
        var boots = Assert.Single(smtp.MessagesFor("policy-desk@example.org"), m => m.Subject?.Contains("boots-on-the-ground", StringComparison.Ordinal) == true);
        Assert.Contains("<mark>boots on the ground</mark>", boots.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_SmtpDownForMoreDrainsThanTries_KeepsTheAlertsQueued_ThenDeliversWhenItIsBack()
    {
        var env = new Dictionary<string, string>
        {
            ["NEWSWATCH_SMTP_PORT"] = "9",
            ["NEWSWATCH_SMTP_RETRIES"] = "0",
        };
        await CliRunner.RunAsync(RepoPaths.Root, env, "scan", "--config", SampleConfig, "--out", _out);

        // More drains than a message has tries: an unreachable server spends none, so nothing goes to the poison folder.
        for (var drain = 1; drain <= 6; drain++)
        {
            var down = await CliRunner.RunAsync(RepoPaths.Root, env, "deliver", "--config", SampleConfig, "--out", _out);

            Assert.True(down.ExitCode == 0, down.StdErr);
            Assert.Contains("poisoned: 0, left for retry: 0, waiting for an unreachable receiver: 3", down.StdOut, StringComparison.Ordinal);
            Assert.Equal(3, Directory.GetFiles(Path.Combine(_out, "queue"), "*.json").Length);
            Assert.False(Directory.Exists(Path.Combine(_out, "queue", "poison")), $"drain {drain} poisoned a message");
        }

        await using var smtp = await SmtpTestServer.StartAsync();
        env["NEWSWATCH_SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var up = await CliRunner.RunAsync(RepoPaths.Root, env, "deliver", "--config", SampleConfig, "--out", _out);

        Assert.Contains("Alerts delivered: 3, emails sent: 5", up.StdOut, StringComparison.Ordinal);
        Assert.Equal(5, smtp.Received.Count);
    }

    [Fact]
    public async Task Watch_TwoCycles_ScansAndDeliversOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var env = new Dictionary<string, string> { ["NEWSWATCH_SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var result = await CliRunner.RunAsync(RepoPaths.Root, env, "watch", "--config", SampleConfig, "--out", _out, "--every", "1", "--cycles", "2");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("cycle 1", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("cycle 2", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 3", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Alerts written: 0", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(5, smtp.Received.Count);
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);
}

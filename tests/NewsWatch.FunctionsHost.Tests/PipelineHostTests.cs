using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The whole app in the real Functions host, on its timer: ScheduleScan → queue scan-requests → ScanSource → alert blobs
/// and queue alerts → SendAlertEmail → the SMTP server; a second cycle; a message that always fails.
/// </summary>
public sealed class PipelineHostTests(PipelineHostFixture host) : IClassFixture<PipelineHostFixture>
{
    [FunctionsHostFact]
    public async Task TimerCycle_LoopbackSite_OneAlertPerArticleAndRule_OneEmailPerAlertAndSubscriber()
    {
        await host.FirstCycleAsync();

        var alerts = await host.AlertsAsync();
        Assert.Equal(
            [("ceasefire", "allies-weigh-options"), ("ceasefire", "talks-resume"), ("troops", "allies-weigh-options")],
            alerts.Select(a => (a.RuleId, Slug(a.ArticleUrl))).Order().ToList());
        Assert.DoesNotContain(alerts, a => a.ArticleUrl.Contains("budget-plans", StringComparison.Ordinal));
        Assert.All(alerts, a =>
        {
            Assert.Equal(FunctionsHostFixture.SourceId, a.SourceId);
            Assert.NotEmpty(a.Snippets);
        });

        var emails = host.Smtp.Received;
        Assert.Equal(PipelineHostFixture.ExpectedEmails, emails.Count);
        Assert.Equal(3, host.Smtp.MessagesFor(FunctionsHostFixture.Everything).Count);
        var ceasefireOnly = host.Smtp.MessagesFor(FunctionsHostFixture.CeasefireOnly);
        Assert.Equal(2, ceasefireOnly.Count);
        Assert.All(ceasefireOnly, m => Assert.Contains("\"ceasefire\"", m.Subject ?? "", StringComparison.Ordinal));
        foreach (var alert in alerts)
        {
            // One email per alert to the subscriber of every rule, naming the rule and linking the article.
            Assert.Single(
                host.Smtp.MessagesFor(FunctionsHostFixture.Everything),
                m => (m.Subject ?? "").Contains($"\"{alert.RuleId}\"", StringComparison.Ordinal) && (m.TextBody ?? "").Contains(alert.ArticleUrl, StringComparison.Ordinal));
        }

        // The host ran the real triggers: the timer, then the queue-triggered functions, all without failure. (The
        // host logs a function's end after it returns and its output is flushed, so on a loaded machine the last
        // email, or even the whole fan-out, can come before an "Executed" line: each is waited for.)
        Task Succeeded(string function, int runs) => host.WaitUntilAsync(
            _ => Task.FromResult(host.Log.CountOf($"Executed 'Functions.{function}' (Succeeded") >= runs),
            () => $"{runs} succeeded {function} runs in the host log");
        await Succeeded("SendAlertEmail", PipelineHostFixture.ExpectedAlerts);
        await Succeeded("ScheduleScan", 1);
        await Succeeded("ScanSource", 1);
        Assert.Equal(PipelineHostFixture.ExpectedAlerts, host.Log.CountOf("Executed 'Functions.SendAlertEmail' (Succeeded"));
    }

    [FunctionsHostFact]
    public async Task LaterTimerCycles_NothingNewOnTheSite_NoNewAlertsNoNewEmailsNoRefetch()
    {
        await host.FirstCycleAsync();
        var mark = host.Log.Mark();

        await host.WaitForScanCyclesAsync(2);
        await host.WaitUntilAsync(
            async ct => (await host.PeekMessagesAsync(StorageNames.AlertsQueue, ct)).Count == 0,
            () => "an empty alerts queue");

        Assert.Equal(PipelineHostFixture.ExpectedAlerts, (await host.AlertsAsync()).Count);
        Assert.Equal(PipelineHostFixture.ExpectedEmails, host.Smtp.Received.Count);
        Assert.Equal(0, host.Log.CountSince(mark, "Executing 'Functions.SendAlertEmail'"));
        Assert.Equal(0, host.Log.CountSince(mark, "Executed 'Functions.ScanSource' (Failed"));
        foreach (var slug in new[] { "allies-weigh-options", "talks-resume", "budget-plans" })
        {
            Assert.Equal(1, host.Site.RequestCount(LoopbackNewsSite.StoryPath(slug)));
        }

        Assert.True(host.Site.RequestCount("/world/") >= 3, "the listing is read on every cycle");
    }

    [FunctionsHostFact]
    public async Task SendAlertEmail_AlertBlobMissing_TriedMaxDequeueCountTimesThenInAlertsPoison()
    {
        var maxDequeueCount = MaxDequeueCountOfTheApp();
        var mark = host.Log.Mark();
        var message = new AlertMessage("00deadbeef00cafe", "2026/01/01/00deadbeef00cafe.json", "ceasefire", "http://127.0.0.1/nowhere", "A missing alert");
        var alertsQueue = host.Queue(StorageNames.AlertsQueue);
        await alertsQueue.CreateIfNotExistsAsync();
        await alertsQueue.SendMessageAsync(AlertJson.Serialize(message));

        await host.WaitUntilAsync(
            async ct => (await host.PeekMessagesAsync(StorageNames.Poison(StorageNames.AlertsQueue), ct)).Any(b => b.Contains(message.AlertId, StringComparison.Ordinal)),
            () => $"alert message {message.AlertId} in alerts-poison");

        // Every try ran the function, which failed; the last one said why before the host moved the message.
        Assert.Equal(maxDequeueCount, host.Log.CountSince(mark, "Executed 'Functions.SendAlertEmail' (Failed"));
        Assert.True(host.Log.CountSince(mark, message.AlertId, "alerts-poison") >= 1, "the last try logs that the message goes to alerts-poison");
        Assert.DoesNotContain(await host.PeekMessagesAsync(StorageNames.AlertsQueue), b => b.Contains(message.AlertId, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Smtp.Received, e => e.Raw.Contains("A missing alert", StringComparison.Ordinal));
    }

    [FunctionsHostFact]
    public async Task HostHttp_BaseUri_TheHostAnswersOnLoopback()
    {
        // The address HTTP triggers will be under (BaseUri + "api/NAME"): the host's own root answers there.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.GetAsync(host.BaseUri);

        Assert.Equal("127.0.0.1", host.BaseUri.Host);
        Assert.True(response.IsSuccessStatusCode, $"GET {host.BaseUri}: {(int)response.StatusCode}");
    }

    private static string Slug(string url) => Path.GetFileNameWithoutExtension(new Uri(url).AbsolutePath);

    private static int MaxDequeueCountOfTheApp()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHostPaths.AppDirectory!, "host.json")));
        return json.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }
}

using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;
using NewsWatch.Testing;
using static NewsWatch.Testing.LoopbackResponses;

namespace NewsWatch.Functions.Tests;

/// <summary>
/// The three functions in the order the host would run them, on a real Azurite, a real Kestrel site on 127.0.0.1 and a
/// real SMTP server: timer → scan-requests → ScanSource → alerts (blobs + queue) → SendAlertEmail → emails. Only the
/// host is missing: messages are taken off the queues and bound the way its triggers bind them.
/// </summary>
[Collection(FunctionsAzuriteCollection.Name)]
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ScheduleScanDeliver_LoopbackSite_OneEmailPerAlertAndSubscriber_AndNothingTwice()
    {
        await using var site = await LoopbackHttpServer.StartAsync();
        var listing = MapSite(site);
        await using var host = await FunctionsTestHost.StartAsync(azurite, [new FunctionsTestHost.SourceSpec("loopback", listing, "/story/")]);
        var scanRequests = host.Queue(StorageNames.ScanRequestsQueue);
        var alerts = host.Queue(StorageNames.AlertsQueue);
        foreach (var queue in new[] { scanRequests, alerts })
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }

        await RunScheduleAndScansAsync(host);

        // Alerts: 2 on the story with both phrases, 1 on the story with "ceasefire"; none on the one that has it only
        // in the menu, the sidebar teaser and the footer.
        var messages = (await alerts.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
        var alertMessages = messages.Select(m => FunctionsTestHost.Bind<AlertMessage>(m.Body.ToString())).ToList();
        Assert.Equal(
            [("ceasefire", "/story/both.html"), ("ceasefire", "/story/ceasefire.html"), ("troops", "/story/both.html")],
            alertMessages.Select(m => (m.RuleId, new Uri(m.ArticleUrl).AbsolutePath)).Order().ToList());
        var container = new BlobServiceClient(host.ConnectionString).GetBlobContainerClient(StorageNames.AlertsContainer);
        foreach (var message in alertMessages)
        {
            var alert = AlertJson.DeserializeAlert((await container.GetBlobClient(message.BlobName).DownloadContentAsync()).Value.Content.ToString());
            Assert.Equal(message.AlertId, alert.Id);
            Assert.Equal("loopback", alert.SourceId);
            Assert.NotEmpty(alert.Snippets);
        }

        var send = host.Function<SendAlertEmail>();
        foreach (var message in alertMessages)
        {
            await send.RunAsync(message, Context(host, 1), CancellationToken.None);
        }

        Assert.Equal(3, host.Smtp.MessagesFor(FunctionsTestHost.Everything).Count);
        Assert.Equal(2, host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly).Count);
        Assert.Equal(5, host.Smtp.Received.Count);

        // The host redelivers every message (a lost delete, say): nothing more is sent.
        foreach (var message in alertMessages)
        {
            await send.RunAsync(message, Context(host, 2), CancellationToken.None);
        }

        Assert.Equal(5, host.Smtp.Received.Count);
        foreach (var message in messages)
        {
            await alerts.DeleteMessageAsync(message.MessageId, message.PopReceipt); // as the host does after a success
        }

        // The next cycle finds nothing new: no article is fetched again, no alert is written.
        await RunScheduleAndScansAsync(host);
        Assert.Empty((await alerts.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(1, site.RequestCount("/story/both.html"));
    }

    private static async Task RunScheduleAndScansAsync(FunctionsTestHost host)
    {
        await host.Function<ScheduleScan>().RunAsync(new TimerInfo(), CancellationToken.None);
        var scanRequests = host.Queue(StorageNames.ScanRequestsQueue);
        var requests = (await scanRequests.ReceiveMessagesAsync(32)).Value;
        var request = Assert.Single(requests);
        await host.Function<ScanSource>().RunAsync(FunctionsTestHost.Bind<ScanRequest>(request.Body.ToString()), CancellationToken.None);
        await scanRequests.DeleteMessageAsync(request.MessageId, request.PopReceipt);
    }

    private static TestFunctionContext Context(FunctionsTestHost host, int dequeueCount) =>
        new(host.Services, new Dictionary<string, object?> { ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static Uri MapSite(LoopbackHttpServer site)
    {
        const string furniture = """
            <header><nav><a href="/">Home</a> <a href="/live">Live: ceasefire talks</a></nav></header>
            """;
        const string sidebar = """
            <aside class="sidebar"><h2>Most read</h2><a href="/story/x.html">Allies debate sending troops to Ukraine after a ceasefire</a></aside>
            <footer><p>Our ceasefire newsletter, every morning.</p></footer>
            """;
        static string Story(string title, string body, string more, string chrome, string sidebar) => $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
            {chrome}
            <main><article><h1>{title}</h1><div class="article-body">
            <p>{body}</p>
            <p>{more.Replace(". ", ".</p><p>", StringComparison.Ordinal)}</p>
            </div></article>{sidebar}</main></body></html>
            """;

        site.Map("/story/both.html", Html(Story("Allies weigh their options", "Several governments are ready to send troops to Ukraine to monitor a ceasefire, diplomats said.", "Officials from several capitals met on Tuesday to compare notes, and said further meetings were planned in the coming weeks. Analysts cautioned that the talks were at an early stage and that verification was still an open question. A second round is planned in Vienna next month, and observers from three neutral states have been invited to attend it.", furniture, sidebar)));
        site.Map("/story/ceasefire.html", Html(Story("Talks resume", "Negotiators said a ceasefire could be agreed within days.", "Analysts cautioned that the hardest questions, including how a truce line would be verified and by whom, were still open. Both delegations are expected back at the table on Monday, their spokesmen told reporters. Humanitarian groups urged both sides to open corridors for food and medicine while the negotiators work on the details.", furniture, sidebar)));
        site.Map("/story/teaser-only.html", Html(Story("Budget plans published", "The finance ministry published its spending plans for next year.", "Spending on schools and hospitals rises, and the deficit is forecast to narrow slightly over the period. Opposition parties said the plans did too little for pensioners and small firms. The budget committee will hear the minister next week, and a final vote is expected before the summer recess.", furniture, sidebar)));
        return site.Map("/world/", Html("""
            <html><body><header><nav><a href="/live">Live</a></nav></header><main><ul>
            <li><a href="/story/both.html">Allies weigh their options</a></li>
            <li><a href="/story/ceasefire.html">Talks resume</a></li>
            <li><a href="/story/teaser-only.html">Budget plans published</a></li>
            </ul></main></body></html>
            """));
    }
}

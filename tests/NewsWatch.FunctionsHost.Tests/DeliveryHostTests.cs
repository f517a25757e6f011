using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.State;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// Delivery in the real Functions host: <c>SendDigests</c> on its timer sends a daily digest by SMTP once; the
/// <c>Unsubscribe</c> HTTP trigger (GET changes nothing, POST opts out, a forged token gets 400); a webhook channel gets
/// each alert once, signed, from a receiver that fails part of the time; an alert whose webhook is down, or whose
/// recipient the mail server will not serve (421), for more tries than a message has waits on the queue without
/// spending them, and is delivered once when the receiver answers.
/// </summary>
public sealed class DeliveryHostTests(DeliveryHostFixture host) : IClassFixture<DeliveryHostFixture>
{
    [FunctionsHostFact]
    public async Task SendDigests_OnItsTimer_SendsTheDueDailyDigestOnce()
    {
        // All three alerts are in the digest inbox once the instant reader has them (the digest reader comes first).
        await WaitForInstantEmailsAsync();
        Assert.Empty(host.Smtp.MessagesFor(DeliveryHostFixture.DigestReader));

        // Due at the next whole minute at least 65 s away (UTC): after the alerts went into the inbox.
        var at = DateTimeOffset.UtcNow.AddSeconds(65);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var mark = host.Log.Mark();
        await host.WriteConfigFileAsync(host.DeliveryConfigJson(at.ToString("HH:mm", CultureInfo.InvariantCulture)));

        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Smtp.MessagesFor(DeliveryHostFixture.DigestReader).Count >= 1),
            () => $"the daily digest to {DeliveryHostFixture.DigestReader}, due at {at:HH:mm} UTC",
            TimeSpan.FromMinutes(4));
        var runs = host.Log.CountSince(mark, "Executed 'Functions.SendDigests' (Succeeded");
        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Log.CountSince(mark, "Executed 'Functions.SendDigests' (Succeeded") >= runs + 2),
            () => "two more SendDigests runs");

        var digest = Assert.Single(host.Smtp.MessagesFor(DeliveryHostFixture.DigestReader));
        Assert.StartsWith("NewsWatch digest: 3 alerts", digest.Subject, StringComparison.Ordinal);
        Assert.NotNull(digest.Headers["X-NewsWatch-Digest-Id"]);
        Assert.Contains("/api/unsubscribe?token=", digest.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Contains("Allies weigh their options", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("Talks resume", digest.TextBody, StringComparison.Ordinal);
    }

    [FunctionsHostFact]
    public async Task Unsubscribe_OverHttp_GetChangesNothing_ForgedTokenIs400_PostOptsOut()
    {
        await WaitForInstantEmailsAsync();
        var email = host.Smtp.MessagesFor(FunctionsHostFixture.Everything)[0];
        var header = email.Headers["List-Unsubscribe"]!.Trim('<', '>', ' ');
        Assert.Equal("One-Click", email.Headers["List-Unsubscribe-Post"]?.Split('=')[^1]);
        var link = new Uri(header);
        Assert.Equal(new Uri(DeliveryHostFixture.PublicUrl).Host, link.Host);
        var local = new Uri(host.BaseUri, link.PathAndQuery.TrimStart('/'));
        var token = link.Query[(link.Query.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var forged = new Uri(host.BaseUri, "api/unsubscribe?token=" + token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
        var optOuts = new OptOutStore(new TableStateStore(new TableClient(host.Azurite.ConnectionString, StorageNames.StateTable)), TimeProvider.System);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using (var get = await client.GetAsync(local))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Contains("text/html", get.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Contains("<form", await get.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.False(await optOuts.IsOptedOutAsync(FunctionsHostFixture.Everything, CancellationToken.None));

        using (var bad = await client.PostAsync(forged, OneClick()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        Assert.False(await optOuts.IsOptedOutAsync(FunctionsHostFixture.Everything, CancellationToken.None));
        Assert.Empty(await optOuts.ListAsync(CancellationToken.None));

        using (var post = await client.PostAsync(local, OneClick()))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }

        Assert.True(await optOuts.IsOptedOutAsync(FunctionsHostFixture.Everything, CancellationToken.None));
        Assert.Equal([FunctionsHostFixture.Everything], (await optOuts.ListAsync(CancellationToken.None)).Select(o => o.Address));
    }

    [FunctionsHostFact]
    public async Task WebhookChannel_ReceiverFailingPartOfTheTime_EachAlertPostedOnceAndSigned()
    {
        // The two ceasefire stories: two alerts, one post each.
        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Receiver.AcceptedAt(DeliveryHostFixture.HookPath).Count >= 2),
            () => $"2 posts at {DeliveryHostFixture.HookPath} (have {host.Receiver.AcceptedAt(DeliveryHostFixture.HookPath).Count}, {host.Receiver.RequestsAt(DeliveryHostFixture.HookPath)} requests)");
        await WaitForInstantEmailsAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // a redelivery, were there one, would post again by now

        var posts = host.Receiver.AcceptedAt(DeliveryHostFixture.HookPath);
        Assert.Equal(2, posts.Count);
        Assert.Equal(2, posts.Select(p => p.Id).Distinct().Count());
        Assert.All(posts, p =>
        {
            Assert.True(p.SignatureValid, "the signature is HMAC-SHA256 of the body under NEWSWATCH_WEBHOOK_SECRET");
            Assert.Equal("alert", p.Kind);
            var body = JsonNode.Parse(p.Body)!;
            Assert.Equal("ceasefire", (string?)body["alert"]!["ruleId"]);
            Assert.Equal(p.Id, (string?)body["id"]);
        });
        Assert.Empty(host.Smtp.MessagesFor(DeliveryHostFixture.HookReader)); // a webhook-only subscriber gets no email
    }

    [FunctionsHostFact]
    public async Task AlertWhoseWebhookIsDown_WaitsOnTheQueueWithoutSpendingTries_EmailOnce_PostedOnceWhenItIsBack()
    {
        var maxDequeueCount = MaxDequeueCountOfTheApp();
        var posts = (maxDequeueCount + 1) * DeliveryHostFixture.PostsPerTry; // one try more than a message has

        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Receiver.RequestsAt(DeliveryHostFixture.DownPath) >= posts),
            () => $"{posts} posts to {DeliveryHostFixture.DownPath} (have {host.Receiver.RequestsAt(DeliveryHostFixture.DownPath)})",
            TimeSpan.FromMinutes(4));
        host.Receiver.Restore(DeliveryHostFixture.DownPath);
        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Receiver.AcceptedAt(DeliveryHostFixture.DownPath).Count >= 1),
            () => $"the storm post accepted at {DeliveryHostFixture.DownPath} ({host.Receiver.RequestsAt(DeliveryHostFixture.DownPath)} requests)",
            TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second copy, were there one, would post by now

        var post = Assert.Single(host.Receiver.AcceptedAt(DeliveryHostFixture.DownPath));
        var email = Assert.Single(host.Smtp.MessagesFor(DeliveryHostFixture.DownHookReader)); // sent on the first try, never again
        var alertId = email.Headers["X-NewsWatch-Alert-Id"] ?? throw new InvalidOperationException("the email has no X-NewsWatch-Alert-Id");
        Assert.Equal(alertId, (string?)JsonNode.Parse(post.Body)!["alert"]!["id"]);
        Assert.True(host.Log.CountOf(alertId, "no try spent") > maxDequeueCount, "each failed try was a deferral, more of them than a message has tries");
        Assert.Equal(0, host.Log.CountOf(alertId, "alerts-poison"));
        Assert.DoesNotContain(await host.PeekMessagesAsync(StorageNames.Poison(StorageNames.AlertsQueue)), b => b.Contains(alertId, StringComparison.Ordinal));
    }

    [FunctionsHostFact]
    public async Task AlertWhileTheMailServerIsUnavailable_WaitsOnTheQueueWithoutSpendingTries_SentOnceWhenItAnswers()
    {
        var maxDequeueCount = MaxDequeueCountOfTheApp();
        Assert.True(DeliveryHostFixture.OutageTries > maxDequeueCount, "the outage outlasts a message's tries");

        await host.WaitUntilAsync(
            _ => Task.FromResult(host.Smtp.MessagesFor(DeliveryHostFixture.OutageReader).Count >= 1),
            () => $"the drought email to {DeliveryHostFixture.OutageReader} ({host.Log.CountOf("drought", "no try spent")} deferrals logged)",
            TimeSpan.FromMinutes(4));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second copy, were there one, would send by now

        var email = Assert.Single(host.Smtp.MessagesFor(DeliveryHostFixture.OutageReader));
        var alertId = email.Headers["X-NewsWatch-Alert-Id"] ?? throw new InvalidOperationException("the email has no X-NewsWatch-Alert-Id");
        Assert.Equal(DeliveryHostFixture.OutageTries, host.Log.CountOf(alertId, "no try spent"));
        Assert.Equal(0, host.Log.CountOf(alertId, "alerts-poison"));
        Assert.DoesNotContain(await host.PeekMessagesAsync(StorageNames.Poison(StorageNames.AlertsQueue)), b => b.Contains(alertId, StringComparison.Ordinal));
        Assert.DoesNotContain(await host.PeekMessagesAsync(StorageNames.AlertsQueue), b => b.Contains(alertId, StringComparison.Ordinal));
    }

    private Task WaitForInstantEmailsAsync() =>
        host.WaitUntilAsync(
            _ => Task.FromResult(host.Smtp.MessagesFor(FunctionsHostFixture.Everything).Count >= 3),
            () => $"3 instant emails to {FunctionsHostFixture.Everything} (have {host.Smtp.MessagesFor(FunctionsHostFixture.Everything).Count})");

    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);

    private static int MaxDequeueCountOfTheApp()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHostPaths.AppDirectory!, "host.json")));
        return json.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
    }
}

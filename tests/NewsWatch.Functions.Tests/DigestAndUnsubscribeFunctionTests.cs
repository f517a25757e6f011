using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

/// <summary>The timer-triggered <c>SendDigests</c> and the HTTP-triggered <c>Unsubscribe</c>, on Azurite and a real SMTP server.</summary>
[Collection(FunctionsAzuriteCollection.Name)]
public sealed class DigestAndUnsubscribeFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendDigests_HeldAlertFromAnEarlierHour_SendsOneDigestOnce()
    {
        await using var host = await FunctionsTestHost.StartAsync(azurite);
        var url = new Uri($"https://news.example.org/world/{Guid.NewGuid():N}");
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var alert = new Alert(
            AlertIds.Compute("ceasefire", url), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", "world", url.AbsoluteUri, "Talks resume",
            null, now.AddHours(-2), "en", [new TermMatch("ceasefire", "body", 1)], [new Snippet("body", "A ceasefire now.", [new Highlight(2, 9)])]);
        await host.Services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        await host.Services.GetRequiredService<DigestInbox>().AddAsync(
            FunctionsTestHost.CeasefireOnly, new DigestItem(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), "ceasefire", now.AddHours(-2), Held: true), CancellationToken.None);

        await host.Function<SendDigests>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        await host.Function<SendDigests>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        var digest = Assert.Single(host.Smtp.MessagesFor(FunctionsTestHost.CeasefireOnly));
        Assert.StartsWith("NewsWatch digest: 1 alert", digest.Subject, StringComparison.Ordinal);
        Assert.Empty(host.Smtp.MessagesFor(FunctionsTestHost.Everything));
    }

    [Fact]
    public async Task Unsubscribe_GetChangesNothing_PostOptsOut_ForgedIs400()
    {
        await using var host = await FunctionsTestHost.StartAsync(azurite);
        var tokens = new UnsubscribeTokens(Options.Create(new UnsubscribeOptions { Key = "functions-test-key-0123456789" }));
        var handler = new UnsubscribeHandler(tokens, host.Services.GetRequiredService<OptOutStore>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<UnsubscribeHandler>.Instance);
        var function = new Unsubscribe(handler);
        var address = $"reader-{Guid.NewGuid():N}@example.org";
        var token = tokens.Create(address);
        var context = new TestFunctionContext(host.Services, new Dictionary<string, object?>());
        var optOuts = host.Services.GetRequiredService<OptOutStore>();

        var get = (TestHttpRequestData.TestHttpResponseData)await function.RunAsync(new TestHttpRequestData(context, "GET", new Uri($"https://app.example.net/api/unsubscribe?token={token}")), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("<form method=\"post\"", get.ReadBody(), StringComparison.Ordinal);
        Assert.False(await optOuts.IsOptedOutAsync(address, CancellationToken.None));

        var forged = (TestHttpRequestData.TestHttpResponseData)await function.RunAsync(new TestHttpRequestData(context, "POST", new Uri($"https://app.example.net/api/unsubscribe?token={token[..^3]}abc")), CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(await optOuts.IsOptedOutAsync(address, CancellationToken.None));

        var post = (TestHttpRequestData.TestHttpResponseData)await function.RunAsync(new TestHttpRequestData(context, "POST", new Uri($"https://app.example.net/api/unsubscribe?token={token}")), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(await optOuts.IsOptedOutAsync(address, CancellationToken.None));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Delivery;

/// <summary>
/// Operator emails, unsubscribe headers and opt-outs, over the local folder storage and a real SMTP server (the
/// services as <c>AddNewsWatchCore</c> composes them).
/// </summary>
public sealed class EmailOperatorNotifierTests : IAsyncLifetime
{
    private const string Reader = "reader@example.org";
    private string _directory = null!;
    private SmtpTestServer _smtp = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("newswatch-ops-").FullName;
        var configPath = Path.Combine(_directory, "newswatch.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}],
              "subscribers": [{"email": "{{Reader}}", "rules": ["*"]}],
              "operators": ["ops@example.org", "night@example.org"],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "1",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:00.005",
            ["NEWSWATCH_PUBLIC_URL"] = "https://newswatch.example.net",
            ["NEWSWATCH_UNSUBSCRIBE_KEY"] = "a-test-key-of-some-length",
        }).Build();
        _services = new ServiceCollection().AddNewsWatchCore(settings).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task NotifyAsync_SameTransitionTwice_EmailsEachOperatorOnce()
    {
        var notifier = _services.GetRequiredService<IOperatorNotifier>();
        var failing = new OperatorNotice("world", OperatorNoticeKind.Failing, "HTTP 503 <b>\r\nBcc: x@example.org", new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

        var first = await notifier.NotifyAsync(failing, CancellationToken.None);
        var again = await notifier.NotifyAsync(failing, CancellationToken.None);
        var recovered = await notifier.NotifyAsync(failing with { Kind = OperatorNoticeKind.Recovered, Reason = "ok" }, CancellationToken.None);

        Assert.Equal((2, 0, 2), (first, again, recovered));
        var email = _smtp.MessagesFor("ops@example.org")[0];
        Assert.Equal("NewsWatch: source world is failing", email.Subject);
        Assert.Empty(email.Bcc);
        Assert.Contains("HTTP 503 &lt;b&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(2, _smtp.MessagesFor("night@example.org").Count);
        Assert.Empty(_smtp.MessagesFor(Reader));
    }

    [Fact]
    public async Task DeliverAsync_CarriesOneClickUnsubscribe_AndAnOptedOutAddressGetsNothingMore()
    {
        var first = await PublishAsync();
        await _services.GetRequiredService<AlertDeliveryService>().DeliverAsync(first, CancellationToken.None);
        var email = Assert.Single(_smtp.MessagesFor(Reader));
        var header = email.Headers["List-Unsubscribe"];
        Assert.StartsWith("<https://newswatch.example.net/api/unsubscribe?token=", header, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Unsubscribe from every NewsWatch email: https://newswatch.example.net/api/unsubscribe?token=", email.TextBody, StringComparison.Ordinal);

        var token = new Uri(header!.Trim('<', '>')).Query["?token=".Length..];
        var response = await _services.GetRequiredService<UnsubscribeHandler>().HandleAsync(isPost: true, token, CancellationToken.None);
        Assert.Equal(200, response.StatusCode);

        var second = await PublishAsync();
        var result = await _services.GetRequiredService<AlertDeliveryService>().DeliverAsync(second, CancellationToken.None);
        Assert.Equal(RecipientOutcome.SkippedOptedOut, Assert.Single(result.Recipients).Outcome);
        Assert.Single(_smtp.MessagesFor(Reader));
    }

    private async Task<AlertMessage> PublishAsync()
    {
        var url = new Uri($"https://news.example.org/world/{Guid.NewGuid():N}");
        var alert = new Alert(
            AlertIds.Compute("ceasefire", url), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", "world", url.AbsoluteUri, "Talks resume",
            null, new DateTimeOffset(2026, 11, 25, 9, 41, 12, TimeSpan.Zero), "en", [new TermMatch("ceasefire", "body", 1)],
            [new Snippet("body", "A ceasefire now.", [new Highlight(2, 9)])]);
        await _services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        return new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title);
    }
}

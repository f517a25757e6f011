using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Rules;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Delivery;

/// <summary>Digests, budgets and story folding end to end: folder storage, a real SMTP server, a fake clock.</summary>
public sealed class DigestServiceTests : IAsyncLifetime
{
    private const string DailyReader = "daily@example.org";
    private const string InstantReader = "instant@example.org";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
    private string _directory = null!;
    private SmtpTestServer _smtp = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _directory = Directory.CreateTempSubdirectory("newswatch-digest-").FullName;
        var configPath = Path.Combine(_directory, "newswatch.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {
              "sources": [{"id": "world", "url": "https://news.example.org/world/"}],
              "rules": [{"id": "ceasefire", "query": "ceasefire"}],
              "subscribers": [
                {"email": "{{DailyReader}}", "rules": ["*"], "delivery": "daily", "timeZone": "Europe/Berlin", "at": "08:00"},
                {"email": "{{InstantReader}}", "rules": ["*"], "maxPerHour": 1}
              ],
              "smtp": {"host": "127.0.0.1", "port": {{_smtp.Port}}, "tls": "none", "from": "newswatch@example.org"}
            }
            """);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SMTP_RETRIES"] = "0",
        }).Build();
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddNewsWatchCore(settings).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SendDueAsync_DailyAtItsLocalTime_OneDigestGroupedByStory_InstantBudgetAndStoryHeldForTheHourlyDigest()
    {
        var delivery = _services.GetRequiredService<AlertDeliveryService>();
        var digests = _services.GetRequiredService<DigestService>();
        var wire = await PublishAsync("wire-a", "Truce agreed <b>at last</b>", "s-1");
        var copy = await PublishAsync("wire-b", "Truce agreed, sources say", "s-1");
        var other = await PublishAsync("local", "Another story entirely", null);

        foreach (var message in new[] { wire, copy, other })
        {
            await delivery.DeliverAsync(message, CancellationToken.None);
            await delivery.DeliverAsync(message, CancellationToken.None); // a redelivery changes nothing
        }

        // 07:00 CET: no daily digest yet; the instant reader got the first alert only (story copy folded, budget of 1 spent).
        Assert.Empty(_smtp.MessagesFor(DailyReader));
        Assert.Single(_smtp.MessagesFor(InstantReader));
        Assert.Equal(new DigestRunResult(0, 0), await digests.SendDueAsync(CancellationToken.None));

        // 08:00 CET: the daily digest, and the instant reader's hourly digest of what was held.
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DigestRunResult(2, 0), await digests.SendDueAsync(CancellationToken.None));
        Assert.Equal(new DigestRunResult(0, 0), await digests.SendDueAsync(CancellationToken.None));

        var daily = Assert.Single(_smtp.MessagesFor(DailyReader));
        Assert.StartsWith("NewsWatch digest: 3 alerts", daily.Subject, StringComparison.Ordinal);
        Assert.Contains("Also reported by:", daily.TextBody, StringComparison.Ordinal);
        Assert.Contains("wire-b: Truce agreed, sources say", daily.TextBody, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 07:01 (UTC+01:00)", daily.TextBody, StringComparison.Ordinal);
        Assert.Contains("Truce agreed &lt;b&gt;at last&lt;/b&gt;", daily.HtmlBody, StringComparison.Ordinal);
        // Newest story first: "Another story" (06:03) before the truce story (06:01).
        Assert.True(daily.TextBody!.IndexOf("Another story", StringComparison.Ordinal) < daily.TextBody.IndexOf("Truce agreed", StringComparison.Ordinal));

        var instant = _smtp.MessagesFor(InstantReader);
        Assert.Equal(2, instant.Count);
        Assert.Contains("1 of these was held back", instant[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Truce agreed, sources say", instant[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendDueAsync_NothingWaiting_SendsNothing()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DigestRunResult(0, 0), await _services.GetRequiredService<DigestService>().SendDueAsync(CancellationToken.None));
        Assert.Empty(_smtp.Received);
    }

    private async Task<AlertMessage> PublishAsync(string sourceId, string title, string? storyId)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        var url = new Uri($"https://{sourceId}.example.org/{Guid.NewGuid():N}");
        var alert = new Alert(
            AlertIds.Compute("ceasefire", url), Alert.CurrentSchemaVersion, "ceasefire", "ceasefire", sourceId, url.AbsoluteUri, title,
            null, _time.GetUtcNow(), "en", [new TermMatch("ceasefire", "body", 1)],
            [new Snippet("body", "A ceasefire now.", [new Highlight(2, 9)])]) { StoryId = storyId };
        await _services.GetRequiredService<AlertPublisher>().PublishAsync(alert, CancellationToken.None);
        return new AlertMessage(alert.Id, AlertIds.BlobName(alert.Id, alert.DetectedAt), alert.RuleId, alert.ArticleUrl, alert.Title);
    }
}

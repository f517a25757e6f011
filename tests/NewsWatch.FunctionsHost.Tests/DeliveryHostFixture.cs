using System.Globalization;
using System.Text.Json;
using NewsWatch.Testing;

namespace NewsWatch.FunctionsHost.Tests;

/// <summary>
/// The host of <see cref="DeliveryHostTests"/>: digests on their timer, the Unsubscribe HTTP trigger, a signed webhook
/// channel on a receiver that fails part of the time, an alert whose webhook is down until a test restores it, and one
/// whose recipient the mail server will not serve for a while. Subscribers:
/// <see cref="DigestReader"/> (daily, ceasefire and troops), <see cref="FunctionsHostFixture.Everything"/> (instant
/// email, ceasefire and troops), <see cref="HookReader"/> (webhook only, ceasefire) and <see cref="DownHookReader"/>
/// (email and a webhook that answers 503 until restored, storm) and <see cref="OutageReader"/> (email, drought: the mail server answers
/// 421 to it for <see cref="OutageTries"/> tries). The standard stories give 3 alerts; two more stories give the storm
/// and drought alerts.
/// </summary>
public sealed class DeliveryHostFixture : FunctionsHostFixture, IAsyncLifetime
{
    public const string DigestReader = "digest@example.org";
    public const string HookReader = "hooks@example.org";
    public const string DownHookReader = "down-hook@example.org";
    public const string OutageReader = "outage@example.org";

    /// <summary>Tries of the drought alert that find the mail server unavailable: one more than a message's tries.</summary>
    public const int OutageTries = 6;

    /// <summary>Sends of one try: the first and <c>NEWSWATCH_SMTP_RETRIES</c> retries.</summary>
    public const int SendsPerTry = 2;
    public const string WebhookSecret = "host-test-webhook-secret";
    public const string UnsubscribeKey = "host-test-unsubscribe-key-0123456789";
    public const string PublicUrl = "http://newswatch.invalid/";
    public const string HookPath = "/hook";
    public const string DownPath = "/down";

    /// <summary>Posts of one post attempt that fails: the first and <c>NEWSWATCH_CHANNEL_RETRIES</c> retries.</summary>
    public const int PostsPerTry = 2;

    private WebhookReceiver? _receiver;

    /// <summary>The webhook receiver (checks signatures, fails a share of requests, refuses <see cref="DownPath"/> with 503).</summary>
    public WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("Not started.");

    /// <summary>The config with the digest due at <paramref name="dailyAt"/> (UTC, <c>HH:mm</c>).</summary>
    public string DeliveryConfigJson(string dailyAt) =>
        JsonSerializer.Serialize(new
        {
            sources = new[] { new { id = SourceId, url = Site.ListingUrl.AbsoluteUri, kind = "page", linkPattern = LoopbackNewsSite.StoryLinkPattern } },
            rules = DefaultRules.Select(r => new { id = r.Id, query = r.Query }).Append(new { id = "storm", query = "storm" }).Append(new { id = "drought", query = "drought" }),
            subscribers = new object[]
            {
                // First: by the time the instant emails of an alert are out, it is in this reader's digest inbox.
                new { email = DigestReader, rules = new[] { "ceasefire", "troops" }, delivery = "daily", at = dailyAt },
                new { email = Everything, rules = new[] { "ceasefire", "troops" } },
                new
                {
                    email = HookReader,
                    rules = new[] { "ceasefire" },
                    channels = new object[] { new { type = "webhook", url = Receiver.Url(HookPath).AbsoluteUri, secretSetting = "NEWSWATCH_WEBHOOK_SECRET" } },
                },
                new
                {
                    email = DownHookReader,
                    rules = new[] { "storm" },
                    channels = new object[] { new { type = "email" }, new { type = "webhook", url = Receiver.Url(DownPath).AbsoluteUri } },
                },
                new { email = OutageReader, rules = new[] { "drought" } },
            },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
        });

    /// <summary>A daily time that has passed today (UTC) or is far off: the digest is not due while the alerts arrive.</summary>
    public static string NotYet(DateTimeOffset now) =>
        now.UtcDateTime.AddMinutes(-30).ToString("HH:mm", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(seed: 7);
        Receiver.Secret = WebhookSecret;
        Receiver.FailureRate = 0.3;
        Receiver.Refuse(DownPath, 503);
        await WriteConfigFileAsync(DeliveryConfigJson(NotYet(DateTimeOffset.UtcNow)));
        PublishStandardStories();
        Site.AddStory("storm-warning", "Storm warning for the coast", "Forecasters warned that a storm will reach the coast tonight.");
        Site.AddStory("drought-deepens", "Drought deepens in the south", "Farmers said the drought has now lasted three months.");
        Smtp.FailRecipientWithServiceNotAvailable(OutageReader, OutageTries * SendsPerTry);
        await StartHostAsync(new Dictionary<string, string?>
        {
            ["NEWSWATCH_DIGEST_SCHEDULE"] = "*/5 * * * * *",
            ["NEWSWATCH_PUBLIC_URL"] = PublicUrl,
            ["NEWSWATCH_UNSUBSCRIBE_KEY"] = UnsubscribeKey,
            ["NEWSWATCH_WEBHOOK_SECRET"] = WebhookSecret,
            ["NEWSWATCH_CHANNEL_RETRIES"] = (PostsPerTry - 1).ToString(CultureInfo.InvariantCulture),
            ["NEWSWATCH_CHANNEL_RETRY_DELAY"] = "00:00:00.050",
            ["NEWSWATCH_SMTP_RETRIES"] = (SendsPerTry - 1).ToString(CultureInfo.InvariantCulture),
            ["NEWSWATCH_OUTAGE_DELAY"] = "00:00:01",
            ["NEWSWATCH_OUTAGE_MAX_DELAY"] = "00:00:02", // 1, 2, 2, 2, 2 s: six tries within seconds, not minutes
            ["Fetch__MinIntervalSeconds"] = "0",
            ["Fetch__MaxInFlightPerHost"] = "64",
        });
    }

    /// <summary>Stops the host and everything of the base fixture, then the receiver.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}

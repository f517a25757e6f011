using System.Net.Sockets;
using MailKit.Net.Smtp;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Delivery.Channels;

namespace NewsWatch.Core.Tests.Delivery;

public sealed class DeliveryOutageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);
    private static readonly AlertMessage Message = new("00000000000000aa", "2026/12/04/00000000000000aa.json", "ceasefire", "https://news.example.org/a", "A");

    public static TheoryData<Exception, bool> Errors => new()
    {
        { new SocketException((int)SocketError.ConnectionRefused), true },
        { new IOException("The connection was reset."), true },
        { new TimeoutException(), true },
        { new SmtpProtocolException("The SMTP server has unexpectedly disconnected."), true },
        { new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.ServiceNotAvailable, "421 try later"), true },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing, "451 local error"), false },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.InsufficientStorage, "452 too big"), false },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "550 no such user"), false },
        { new MailKit.Security.AuthenticationException("535 authentication failed"), false }, // a misconfiguration
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsMailServerUnreachable_OnlyForErrorsThatNoMessageWouldEscape(Exception error, bool unreachable)
    {
        Assert.Equal(unreachable, DeliveryOutage.IsMailServerUnreachable(error));
        Assert.Equal(unreachable, DeliveryOutage.IsReceiverUnreachable(ChannelType.Email, error));
    }

    [Theory]
    [InlineData(ChannelType.Webhook)]
    [InlineData(ChannelType.Slack)]
    [InlineData(ChannelType.Teams)]
    public void IsReceiverUnreachable_APost_WhenItsReceiverStillFailsAfterTheRetries(ChannelType channel)
    {
        Assert.True(DeliveryOutage.IsReceiverUnreachable(channel, new ChannelUnavailableException("The webhook receiver answered 503 after the retries.")));
        Assert.False(DeliveryOutage.IsReceiverUnreachable(channel, new ConfigException("The webhook channel has no url.")));
        Assert.False(DeliveryOutage.IsReceiverUnreachable(ChannelType.Email, new ChannelUnavailableException("a post's error is not the mail server's")));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 900)] // 960 s capped at 15 minutes
    [InlineData(40, 900)]
    public void DelayAfter_DoublesPerDeferral_UpToFifteenMinutes(int deferrals, int seconds)
    {
        var options = new OutageOptions();

        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryOutage.DelayAfter(deferrals, options.Delay, options.MaxDelay));
    }

    [Fact]
    public void DelayAfter_AFirstDelayLongerThanTheCap_IsKept() =>
        Assert.Equal(TimeSpan.FromMinutes(30), DeliveryOutage.DelayAfter(3, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15)));

    [Fact]
    public void Defer_FirstTime_OwnsByTheQueueMessage_StartsTheOutageNow()
    {
        var (copy, delay) = DeliveryOutage.Defer(Message, "queue-message-1", Now, new OutageOptions())!.Value;

        Assert.Equal(Message with { Owner = "queue-message-1", OutageSince = Now, Deferrals = 1 }, copy);
        Assert.Equal(TimeSpan.FromMinutes(1), delay);
    }

    [Fact]
    public void Defer_Again_KeepsOwnerAndStart_WaitsLonger()
    {
        var earlier = Message with { Owner = "queue-message-1", OutageSince = Now.AddMinutes(-3), Deferrals = 2 };

        var (copy, delay) = DeliveryOutage.Defer(earlier, "queue-message-3", Now, new OutageOptions())!.Value;

        Assert.Equal(earlier with { Deferrals = 3 }, copy);
        Assert.Equal(TimeSpan.FromMinutes(4), delay);
    }

    [Theory]
    [InlineData(600, 600)]        // a receiver's Retry-After longer than the delay is waited
    [InlineData(30, 60)]          // a shorter one does not shorten the delay
    [InlineData(172_800, 86_400)] // at most the limit
    public void Defer_AReceiversRetryAfter_IsWaitedAtLeast_AtMostTheLimit(int retryAfterSeconds, int delaySeconds)
    {
        var (_, delay) = DeliveryOutage.Defer(Message, "m", Now, new OutageOptions(), TimeSpan.FromSeconds(retryAfterSeconds))!.Value;

        Assert.Equal(TimeSpan.FromSeconds(delaySeconds), delay);
    }

    [Fact]
    public void Defer_PastTheLimit_IsNull_SoTheTriesCountAgain()
    {
        var options = new OutageOptions { Limit = TimeSpan.FromHours(24) };

        Assert.NotNull(DeliveryOutage.Defer(Message with { OutageSince = Now.AddHours(-24) }, "m", Now, options));
        Assert.Null(DeliveryOutage.Defer(Message with { OutageSince = Now.AddHours(-24).AddSeconds(-1) }, "m", Now, options));
    }

    [Fact]
    public void MessageJson_WithoutADeferral_HasNoneOfTheOptionalFields_WithOne_RoundTrips()
    {
        var plain = AlertJson.Serialize(Message);
        var deferred = Message with { Owner = "queue-message-1", OutageSince = Now, Deferrals = 2 };

        Assert.Equal(
            """{"alertId":"00000000000000aa","blobName":"2026/12/04/00000000000000aa.json","ruleId":"ceasefire","articleUrl":"https://news.example.org/a","title":"A"}""",
            plain);
        Assert.Contains("\"owner\":\"queue-message-1\",\"outageSince\":\"2026-12-04T06:00:00Z\",\"deferrals\":2", AlertJson.Serialize(deferred), StringComparison.Ordinal);
        Assert.Equal(deferred, AlertJson.DeserializeMessage(AlertJson.Serialize(deferred)));
    }
}

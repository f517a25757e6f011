using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core.Configuration;

/// <summary>What the app runs on: <c>newswatch.json</c>, read and checked by <see cref="NewsWatchConfigReader"/>.</summary>
public sealed record NewsWatchConfig(
    IReadOnlyList<Source> Sources,
    IReadOnlyList<RuleDefinition> Rules,
    IReadOnlyList<Subscriber> Subscribers,
    SmtpSettings? Smtp,
    FetchSettings? Fetch = null)
{
    /// <summary>Addresses that get one email when a source turns failing or quiet and one when it recovers (<c>"operators"</c>).</summary>
    public IReadOnlyList<string> Operators { get; init; } = [];

    /// <summary>The source with this id, or null.</summary>
    public Source? FindSource(string sourceId) => Sources.FirstOrDefault(s => s.Id == sourceId);
}

/// <summary>Someone who gets alert emails: for the listed rule ids, or every rule with <c>"*"</c>.</summary>
public sealed record Subscriber(string Email, IReadOnlyList<string> Rules)
{
    /// <summary>The default <see cref="MaxPerHour"/> of instant subscribers.</summary>
    public const int DefaultMaxPerHour = 20;

    /// <summary><c>delivery</c>: instant (default), hourly, daily or weekly.</summary>
    public DeliveryMode Delivery { get; init; } = DeliveryMode.Instant;

    /// <summary><c>timeZone</c> (IANA id, default UTC): the zone of <c>at</c>, <c>quietHours</c> and the times in emails.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary><c>at</c>: when daily and weekly digests go (defaults 08:00 and Mon 08:00).</summary>
    public DeliveryAt? At { get; init; }

    /// <summary><c>quietHours</c>: a local window in which instant alerts wait for its end, or null.</summary>
    public QuietHours? QuietHours { get; init; }

    /// <summary><c>maxPerHour</c>: instant emails per hour before alerts wait for the hourly digest (default 20).</summary>
    public int MaxPerHour { get; init; } = DefaultMaxPerHour;

    /// <summary><c>channels</c>: where messages go (default: email to <see cref="Email"/>).</summary>
    public IReadOnlyList<ChannelSettings> Channels { get; init; } = [ChannelSettings.Email];

    /// <summary>True when this subscriber wants alerts of <paramref name="ruleId"/>.</summary>
    public bool Wants(string ruleId) => Rules.Contains("*") || Rules.Contains(ruleId);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain text (a local test server).</summary>
    None,
    /// <summary>Plain, then STARTTLS (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}

/// <summary>The <c>smtp</c> section. The password never sits in the file: it is the setting <c>NEWSWATCH_SMTP_PASSWORD</c>.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpTlsMode Tls, string? User, string From);

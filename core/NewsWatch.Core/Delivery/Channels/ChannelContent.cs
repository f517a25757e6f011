using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>What one channel message carries: one alert, or a digest of alerts.</summary>
/// <param name="Kind"><see cref="AlertKind"/> or <see cref="DigestKind"/>.</param>
/// <param name="Id">The alert id, or the digest id.</param>
/// <param name="Alerts">The alert (one) or the digest's alerts.</param>
/// <param name="Held">For a digest: how many of its alerts the budget or quiet hours held back.</param>
/// <param name="TimeZone">The subscriber's zone, for the times shown in Teams and Slack.</param>
public sealed record ChannelContent(string Kind, string Id, IReadOnlyList<Alert> Alerts, int Held, TimeZoneInfo TimeZone)
{
    /// <summary>The kind of a single alert.</summary>
    public const string AlertKind = "alert";

    /// <summary>The kind of a digest.</summary>
    public const string DigestKind = "digest";

    /// <summary>A message of one alert.</summary>
    public static ChannelContent ForAlert(Alert alert, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new ChannelContent(AlertKind, alert.Id, [alert], 0, timeZone);
    }

    /// <summary>A digest message.</summary>
    public static ChannelContent ForDigest(string digestId, IReadOnlyList<Alert> alerts, int held, TimeZoneInfo timeZone) =>
        new(DigestKind, digestId, alerts, held, timeZone);
}

using System.Text.Json.Serialization;

namespace NewsWatch.Core.Alerts;

/// <summary>The message on queue <c>alerts</c>: small (well under 64 KiB), enough to find the alert blob.</summary>
/// <remarks>
/// The three optional fields are written only by a deferral (a receiver was unreachable, see
/// <see cref="Delivery.DeliveryOutage"/>); a message as the scan enqueues it has none of them.
/// </remarks>
public sealed record AlertMessage(string AlertId, string BlobName, string RuleId, string ArticleUrl, string? Title)
{
    /// <summary>
    /// The attempt that owns this alert's deliveries: the id of the queue message that first tried it. A deferred copy
    /// is a new queue message; it keeps the first one's id here, so it may resend what that try left at <c>sending</c>.
    /// Null: the queue message's own id.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Owner { get; init; }

    /// <summary>
    /// The attempt owner of this message received as queue message <paramref name="queueMessageId"/>: <see cref="Owner"/>
    /// when a deferral set it, else that id (null or empty: none).
    /// </summary>
    public string? OwnerFor(string? queueMessageId)
    {
        var owner = string.IsNullOrEmpty(Owner) ? queueMessageId : Owner;
        return string.IsNullOrEmpty(owner) ? null : owner;
    }

    /// <summary>When a try of this alert first found its receiver unreachable (UTC); null until one did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? OutageSince { get; init; }

    /// <summary>How many times the alert was put back on the queue for an unreachable receiver.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Deferrals { get; init; }
}

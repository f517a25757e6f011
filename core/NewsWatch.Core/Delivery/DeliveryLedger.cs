using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Per alert id and recipient: <c>sending</c>, <c>sent</c> or <c>failed</c>, on <see cref="IStateStore"/> partition
/// <see cref="StatePartitions.Deliveries"/> under the key <c>{alertId}|{recipient, lower-case}</c>. The move to
/// <c>sending</c> is conditional (<see cref="TryClaimAsync"/>: insert-if-absent, or compare-and-swap over an earlier
/// <c>sending</c>), so of two instances that hold copies of one message at the same moment exactly one sends.
/// </summary>
public sealed class DeliveryLedger
{
    /// <summary>
    /// A <c>sending</c> record of another owner older than this is taken over (its sender died and its own message is
    /// gone): longer than a delivery with all its SMTP retries takes.
    /// </summary>
    public static readonly TimeSpan StaleSendingAfter = TimeSpan.FromMinutes(10);

    private const int MaxClaimRounds = 8;

    private readonly IStateStore _state;
    private readonly TimeProvider _time;

    public DeliveryLedger(IStateStore state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>The ledger key of an alert and recipient.</summary>
    public static string Key(string alertId, string recipient)
    {
        ArgumentNullException.ThrowIfNull(alertId);
        ArgumentNullException.ThrowIfNull(recipient);
        return alertId + "|" + recipient.Trim().ToLowerInvariant();
    }

    /// <summary>The record for the alert and recipient, or null when nothing was tried yet.</summary>
    public Task<DeliveryRecord?> GetAsync(string alertId, string recipient, CancellationToken cancellationToken) =>
        _state.GetJsonAsync<DeliveryRecord>(StatePartitions.Deliveries, Key(alertId, recipient), cancellationToken);

    /// <summary>
    /// Moves the record to <c>sending</c> for <paramref name="owner"/> if nobody sent or is sending: absent → insert;
    /// <c>sending</c> of the same owner (a retry of the same queue message) or older than <see cref="StaleSendingAfter"/>
    /// → replace, conditional on the value read. Only <see cref="DeliveryClaim.Claimed"/> may send.
    /// </summary>
    /// <remarks>
    /// A null <paramref name="owner"/> (a caller that knows no message id) takes over any <c>sending</c>, as the
    /// ledger did before owners: at least once is kept, the race guard needs the owner.
    /// </remarks>
    public async Task<(DeliveryClaim Claim, DeliveryRecord? Record)> TryClaimAsync(string alertId, string recipient, string? owner, CancellationToken cancellationToken)
    {
        var key = Key(alertId, recipient);
        for (var round = 0; round < MaxClaimRounds; round++)
        {
            var mine = new DeliveryRecord(DeliveryState.Sending, _time.GetUtcNow(), null) { Owner = owner };
            var json = JsonSerializer.Serialize(mine, AlertJson.TypeInfo<DeliveryRecord>());
            if (await _state.TryAddAsync(StatePartitions.Deliveries, key, json, cancellationToken).ConfigureAwait(false))
            {
                return (DeliveryClaim.Claimed, null);
            }

            var currentJson = await _state.GetAsync(StatePartitions.Deliveries, key, cancellationToken).ConfigureAwait(false);
            if (currentJson is null)
            {
                continue; // Removed between the insert and the read: try the insert again.
            }

            var current = JsonSerializer.Deserialize(currentJson, AlertJson.TypeInfo<DeliveryRecord>())!;
            switch (current.State)
            {
                case DeliveryState.Sent:
                    return (DeliveryClaim.AlreadySent, current);
                case DeliveryState.Failed:
                    return (DeliveryClaim.AlreadyFailed, current);
            }

            var ownRetry = owner is null || string.Equals(current.Owner, owner, StringComparison.Ordinal);
            var stale = _time.GetUtcNow() - current.At > StaleSendingAfter;
            if (!ownRetry && !stale && current.Owner is not null)
            {
                return (DeliveryClaim.InFlightElsewhere, current);
            }

            if (await _state.TryReplaceAsync(StatePartitions.Deliveries, key, currentJson, json, cancellationToken).ConfigureAwait(false))
            {
                return (DeliveryClaim.Claimed, current);
            }

            // Someone else changed the record since it was read: read it again.
        }

        // Many rounds lost in a row: another writer is busy on the key; let it have it, this attempt is retried later.
        throw new IOException($"The delivery record {key} kept changing; gave up claiming it.");
    }

    /// <summary>Records that a send starts (unconditionally; <see cref="TryClaimAsync"/> is the conditional move).</summary>
    public Task MarkSendingAsync(string alertId, string recipient, CancellationToken cancellationToken) =>
        SetAsync(alertId, recipient, new DeliveryRecord(DeliveryState.Sending, _time.GetUtcNow(), null), cancellationToken);

    /// <summary>Records that the SMTP server accepted the email.</summary>
    public Task MarkSentAsync(string alertId, string recipient, CancellationToken cancellationToken) =>
        SetAsync(alertId, recipient, new DeliveryRecord(DeliveryState.Sent, _time.GetUtcNow(), null), cancellationToken);

    /// <summary>Records a permanent rejection with the server's reason.</summary>
    public Task MarkFailedAsync(string alertId, string recipient, string reason, CancellationToken cancellationToken) =>
        SetAsync(alertId, recipient, new DeliveryRecord(DeliveryState.Failed, _time.GetUtcNow(), reason), cancellationToken);

    private Task SetAsync(string alertId, string recipient, DeliveryRecord record, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Deliveries, Key(alertId, recipient), record, cancellationToken);
}

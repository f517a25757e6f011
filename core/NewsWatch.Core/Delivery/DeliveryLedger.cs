using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Per alert id and recipient: <c>sending</c>, <c>sent</c> or <c>failed</c>, on <see cref="IStateStore"/> partition
/// <see cref="StatePartitions.Deliveries"/> under the key <c>{alertId}|{recipient, lower-case}</c>.
/// </summary>
public sealed class DeliveryLedger
{
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

    /// <summary>Records that a send starts.</summary>
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

using NewsWatch.Core.State;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// Per alert id: the blob name chosen on the first attempt and whether its queue message went out. Recording the name
/// before writing the blob means a retry (even after midnight UTC) writes to the same blob, never a second one.
/// </summary>
public sealed class AlertLedger
{
    private readonly IStateStore _state;

    public AlertLedger(IStateStore state) => _state = state;

    /// <summary>The blob name recorded for <paramref name="alertId"/>, recording <paramref name="detectedAt"/>'s name when there is none yet.</summary>
    public async Task<AlertLedgerEntry> ReserveAsync(string alertId, DateTimeOffset detectedAt, CancellationToken cancellationToken)
    {
        var fresh = new AlertLedgerEntry(AlertIds.BlobName(alertId, detectedAt), Queued: false);
        if (await _state.TryAddJsonAsync(StatePartitions.Alerts, alertId, fresh, cancellationToken).ConfigureAwait(false))
        {
            return fresh;
        }

        return await GetAsync(alertId, cancellationToken).ConfigureAwait(false) ?? fresh;
    }

    /// <summary>The entry for <paramref name="alertId"/>, or null.</summary>
    public Task<AlertLedgerEntry?> GetAsync(string alertId, CancellationToken cancellationToken) =>
        _state.GetJsonAsync<AlertLedgerEntry>(StatePartitions.Alerts, alertId, cancellationToken);

    /// <summary>Records that the alert's queue message was sent.</summary>
    public Task MarkQueuedAsync(string alertId, string blobName, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Alerts, alertId, new AlertLedgerEntry(blobName, Queued: true), cancellationToken);
}

/// <summary>An alert's ledger entry: its blob name and whether the queue message went out.</summary>
public sealed record AlertLedgerEntry(string BlobName, bool Queued);

using System.Text.Json;
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
        if (await _state.TryAddAsync(StatePartitions.Alerts, alertId, JsonSerializer.Serialize(fresh, AlertJson.Options), cancellationToken).ConfigureAwait(false))
        {
            return fresh;
        }

        return await GetAsync(alertId, cancellationToken).ConfigureAwait(false) ?? fresh;
    }

    /// <summary>The entry for <paramref name="alertId"/>, or null.</summary>
    public async Task<AlertLedgerEntry?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        var json = await _state.GetAsync(StatePartitions.Alerts, alertId, cancellationToken).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<AlertLedgerEntry>(json, AlertJson.Options);
    }

    /// <summary>Records that the alert's queue message was sent.</summary>
    public Task MarkQueuedAsync(string alertId, string blobName, CancellationToken cancellationToken) =>
        _state.SetAsync(StatePartitions.Alerts, alertId, JsonSerializer.Serialize(new AlertLedgerEntry(blobName, Queued: true), AlertJson.Options), cancellationToken);
}

/// <summary>An alert's ledger entry: its blob name and whether the queue message went out.</summary>
public sealed record AlertLedgerEntry(string BlobName, bool Queued);

namespace NewsWatch.Core.Alerts;

/// <summary>
/// Writes an alert idempotently: reserve its blob name in the ledger, create the blob only if absent, then send the
/// queue message unless the ledger says it went out. Any step may be retried; none duplicates an alert.
/// </summary>
public sealed class AlertPublisher
{
    private readonly AlertLedger _ledger;
    private readonly IAlertStore _store;
    private readonly IAlertQueue _queue;

    public AlertPublisher(AlertLedger ledger, IAlertStore store, IAlertQueue queue)
    {
        _ledger = ledger;
        _store = store;
        _queue = queue;
    }

    /// <summary>Publishes <paramref name="alert"/>; true when this call created its blob (false: it existed already).</summary>
    public async Task<bool> PublishAsync(Alert alert, CancellationToken cancellationToken)
    {
        var entry = await _ledger.ReserveAsync(alert.Id, alert.DetectedAt, cancellationToken).ConfigureAwait(false);
        var created = await _store.CreateIfAbsentAsync(entry.BlobName, alert, cancellationToken).ConfigureAwait(false);
        if (!entry.Queued)
        {
            await _queue.EnqueueAsync(new AlertMessage(alert.Id, entry.BlobName, alert.RuleId, alert.ArticleUrl, alert.Title), cancellationToken).ConfigureAwait(false);
            await _ledger.MarkQueuedAsync(alert.Id, entry.BlobName, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }
}

using System.Text.Json;
using Azure.Storage.Queues;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Scanning;

/// <summary>Queue <c>scan-requests</c> on Azure Queue storage (Base64 JSON).</summary>
public sealed class StorageQueueScanRequestQueue : IScanRequestQueue
{
    private readonly QueueClient _queue;
    private volatile bool _exists;

    /// <summary>Uses <paramref name="queue"/>, creating it on first use.</summary>
    public StorageQueueScanRequestQueue(QueueClient queue) => _queue = queue;

    /// <inheritdoc />
    public async Task EnqueueAsync(ScanRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }

        await _queue.SendMessageAsync(
            JsonSerializer.Serialize(request, AlertJson.TypeInfo<ScanRequest>()),
            visibilityTimeout: delay > TimeSpan.Zero ? delay : null,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

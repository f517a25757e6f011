using System.Text.Json;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Scanning;

/// <summary>Queue <c>scan-requests</c> in a local folder: <c>scan-requests/{host or sourceId}.json</c> (the CLI scans inline; this keeps the contract whole; a delay is not kept).</summary>
public sealed class FolderScanRequestQueue : IScanRequestQueue
{
    private readonly string _root;

    /// <summary>Keeps requests under <paramref name="dataDirectory"/>/scan-requests.</summary>
    public FolderScanRequestQueue(string dataDirectory) => _root = Path.Combine(Path.GetFullPath(dataDirectory), "scan-requests");

    /// <inheritdoc />
    public async Task EnqueueAsync(ScanRequest request, TimeSpan delay, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, State.KeyEncoding.Safe(request.Host ?? request.SourceId ?? "unknown") + ".json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(request, AlertJson.TypeInfo<ScanRequest>()), cancellationToken).ConfigureAwait(false);
    }
}

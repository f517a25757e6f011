using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace NewsWatch.Core.Alerts;

/// <summary>Alert blobs in container <c>alerts</c>; creation is conditional (If-None-Match: *), so a retry never overwrites.</summary>
public sealed class BlobAlertStore : IAlertStore
{
    private readonly BlobContainerClient _container;
    private volatile bool _exists;

    /// <summary>Uses <paramref name="container"/>, creating it on first use.</summary>
    public BlobAlertStore(BlobContainerClient container) => _container = container;

    /// <inheritdoc />
    public async Task<bool> CreateIfAbsentAsync(string blobName, Alert alert, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = _container.GetBlobClient(blobName);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
        };
        try
        {
            await blob.UploadAsync(BinaryData.FromString(AlertJson.Serialize(alert)), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<Alert?> GetAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return AlertJson.DeserializeAlert(Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }
    }
}

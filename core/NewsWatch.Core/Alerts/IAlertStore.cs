namespace NewsWatch.Core.Alerts;

/// <summary>Alert blobs in container <c>alerts</c> (or the local folder's <c>alerts/</c>), one JSON per blob.</summary>
public interface IAlertStore
{
    /// <summary>Writes the alert at <paramref name="blobName"/> only if no blob is there; true when this call created it.</summary>
    Task<bool> CreateIfAbsentAsync(string blobName, Alert alert, CancellationToken cancellationToken);

    /// <summary>Reads the alert at <paramref name="blobName"/>, or null when there is none.</summary>
    Task<Alert?> GetAsync(string blobName, CancellationToken cancellationToken);
}

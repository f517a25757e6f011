namespace NewsWatch.Core.Delivery;

/// <summary>
/// The alert blob a queue message names does not exist. Retrying cannot help: the message ends in the poison queue with
/// this reason.
/// </summary>
public sealed class AlertNotFoundException : Exception
{
    public AlertNotFoundException(string alertId, string blobName)
        : base($"Alert {alertId}: the blob '{blobName}' named by the queue message does not exist in the alerts container; the message cannot be delivered.")
    {
        AlertId = alertId;
        BlobName = blobName;
    }

    /// <summary>The alert id of the message.</summary>
    public string? AlertId { get; }

    /// <summary>The blob it named.</summary>
    public string? BlobName { get; }
}

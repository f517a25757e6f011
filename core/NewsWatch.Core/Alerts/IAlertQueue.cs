namespace NewsWatch.Core.Alerts;

/// <summary>Queue <c>alerts</c> (Base64 JSON on Azure Storage; one plain JSON file per message in the local folder).</summary>
public interface IAlertQueue
{
    /// <summary>Adds one message. Enqueuing the same alert twice is allowed: delivery is idempotent per alert and recipient.</summary>
    Task EnqueueAsync(AlertMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one message that becomes visible after <paramref name="delay"/> (the local folder, single-consumer, has no
    /// delay: the message is there for the next drain).
    /// </summary>
    Task EnqueueAsync(AlertMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a received message by <paramref name="replacement"/>, visible after <paramref name="delay"/>, its receive
    /// count starting again: the queue holds one of the two at any moment after the call returns (Azure: the copy is
    /// added before the original is deleted, so a crash in between leaves both, never neither).
    /// </summary>
    Task DeferAsync(QueuedAlertMessage message, AlertMessage replacement, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Takes up to <paramref name="maxMessages"/> messages out of sight for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueuedAlertMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes a handled message.</summary>
    Task CompleteAsync(QueuedAlertMessage message, CancellationToken cancellationToken);

    /// <summary>Moves a message that cannot be handled to <c>alerts-poison</c> (local: <c>queue/poison/</c>) with its reason.</summary>
    Task PoisonAsync(QueuedAlertMessage message, string reason, CancellationToken cancellationToken);
}

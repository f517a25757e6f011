using System.Text.Json;
using Azure.Storage.Queues;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// Queue <c>alerts</c> on Azure Queue storage. The clients must use <see cref="QueueMessageEncoding.Base64"/>, as the
/// Functions queue trigger expects; the poison client is <c>alerts-poison</c>, where the host also moves messages.
/// </summary>
public sealed class StorageQueueAlertQueue : IAlertQueue
{
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private volatile bool _exists;

    /// <summary>Uses the two queues, creating them on first use.</summary>
    public StorageQueueAlertQueue(QueueClient queue, QueueClient poison)
    {
        _queue = queue;
        _poison = poison;
    }

    /// <inheritdoc />
    public async Task EnqueueAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        await EnsureQueuesAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(AlertJson.Serialize(message), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task EnqueueAsync(AlertMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        await EnsureQueuesAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(AlertJson.Serialize(message), visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeferAsync(QueuedAlertMessage message, AlertMessage replacement, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await EnqueueAsync(replacement, delay, cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedAlertMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await EnsureQueuesAsync(cancellationToken).ConfigureAwait(false);
        var received = await _queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibilityTimeout, cancellationToken).ConfigureAwait(false);
        var result = new List<QueuedAlertMessage>(received.Value.Length);
        foreach (var m in received.Value)
        {
            var body = m.Body.ToString();
            AlertMessage? message;
            try
            {
                message = AlertJson.DeserializeMessage(body);
            }
            catch (JsonException)
            {
                message = null;
            }

            result.Add(new QueuedAlertMessage(m.MessageId, m.PopReceipt, m.DequeueCount, body, message));
        }

        return result;
    }

    /// <inheritdoc />
    public Task CompleteAsync(QueuedAlertMessage message, CancellationToken cancellationToken) =>
        _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);

    /// <inheritdoc />
    public async Task PoisonAsync(QueuedAlertMessage message, string reason, CancellationToken cancellationToken)
    {
        await _poison.SendMessageAsync(message.Body, cancellationToken).ConfigureAwait(false);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureQueuesAsync(CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }
    }
}

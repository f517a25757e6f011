using System.Text.Json;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// Queue <c>alerts</c> in a local folder: <c>queue/{alertId}.json</c>, plain JSON, one file per message (so enqueuing an
/// alert twice leaves one file). Delivery deletes the file; a message that cannot be handled moves to
/// <c>queue/poison/</c> with a <c>.reason.txt</c> beside it. Receive counts are kept in <c>queue/attempts/</c>, so a
/// message that keeps failing reaches the poison folder across separate runs. Single-consumer: meant for one
/// <c>newswatch</c> process at a time.
/// </summary>
public sealed class FolderAlertQueue : IAlertQueue
{
    private readonly string _root;

    /// <summary>Keeps messages under <paramref name="dataDirectory"/>/queue.</summary>
    public FolderAlertQueue(string dataDirectory) => _root = Path.Combine(Path.GetFullPath(dataDirectory), "queue");

    /// <summary>The folder that holds the messages.</summary>
    public string Folder => _root;

    /// <inheritdoc />
    public async Task EnqueueAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAsync(Path.Combine(_root, message.AlertId + ".json"), AlertJson.Serialize(message), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task EnqueueAsync(AlertMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        EnqueueAsync(message, cancellationToken);

    /// <inheritdoc />
    public async Task DeferAsync(QueuedAlertMessage message, AlertMessage replacement, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(replacement);
        await AtomicFile.WriteAsync(Path.Combine(_root, message.MessageId + ".json"), AlertJson.Serialize(replacement), cancellationToken).ConfigureAwait(false);
        File.Delete(AttemptsPath(message.MessageId));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedAlertMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }

        var result = new List<QueuedAlertMessage>();
        foreach (var path in Directory.EnumerateFiles(_root, "*.json").Order(StringComparer.Ordinal).Take(maxMessages))
        {
            string body;
            try
            {
                body = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            var id = Path.GetFileNameWithoutExtension(path);
            var count = await CountReceiveAsync(id, cancellationToken).ConfigureAwait(false);

            AlertMessage? message;
            try
            {
                message = AlertJson.DeserializeMessage(body);
            }
            catch (JsonException)
            {
                message = null;
            }

            result.Add(new QueuedAlertMessage(id, id, count, body, message));
        }

        return result;
    }

    /// <inheritdoc />
    public Task CompleteAsync(QueuedAlertMessage message, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(_root, message.MessageId + ".json"));
        File.Delete(AttemptsPath(message.MessageId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task PoisonAsync(QueuedAlertMessage message, string reason, CancellationToken cancellationToken)
    {
        var poison = Path.Combine(_root, "poison");
        Directory.CreateDirectory(poison);
        await File.WriteAllTextAsync(Path.Combine(poison, message.MessageId + ".reason.txt"), reason, cancellationToken).ConfigureAwait(false);
        File.Move(Path.Combine(_root, message.MessageId + ".json"), Path.Combine(poison, message.MessageId + ".json"), overwrite: true);
        File.Delete(AttemptsPath(message.MessageId));
    }

    private string AttemptsPath(string messageId) => Path.Combine(_root, "attempts", messageId + ".txt");

    private async Task<int> CountReceiveAsync(string messageId, CancellationToken cancellationToken)
    {
        var path = AttemptsPath(messageId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var count = File.Exists(path) && int.TryParse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), out var n) ? n + 1 : 1;
        await File.WriteAllTextAsync(path, count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return count;
    }
}

using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace NewsWatch.Core.State;

/// <summary>
/// <see cref="IStateStore"/> on Azure Table storage (table <c>newswatchstate</c>): PartitionKey and RowKey are the
/// encoded partition and key, the value is in column <c>Value</c>. Add is an insert, which fails with 409 when present.
/// </summary>
public sealed class TableStateStore : IStateStore
{
    /// <summary>The most operations an entity group transaction may hold.</summary>
    private const int MaxBatch = 100;

    private readonly TableClient _table;
    private volatile bool _exists;

    /// <summary>Uses <paramref name="table"/>, creating it on first use.</summary>
    public TableStateStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task<string?> GetAsync(string partition, string key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            KeyEncoding.Safe(partition), KeyEncoding.Safe(key), ["Value"], cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString("Value") : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(Entity(partition, key, value), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryReplaceAsync(string partition, string key, string expected, string value, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            KeyEncoding.Safe(partition), KeyEncoding.Safe(key), ["Value"], cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value!.GetString("Value") != expected)
        {
            return false;
        }

        try
        {
            await _table.UpdateEntityAsync(Entity(partition, key, value), response.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertEntityAsync(Entity(partition, key, value), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetManyAsync(string partition, IReadOnlyCollection<KeyValuePair<string, string>> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        // A batch may not name one entity twice: the last value of a key stands.
        var latest = records.GroupBy(r => KeyEncoding.Safe(r.Key), StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (latest.Count == 0)
        {
            return;
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in latest.Chunk(MaxBatch))
        {
            if (batch.Length == 1)
            {
                await _table.UpsertEntityAsync(Entity(partition, batch[0].Key, batch[0].Value), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _table.SubmitTransactionAsync(
                batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, r.Key, r.Value))),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(
        string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {KeyEncoding.Safe(partition)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["Key", "Value"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("Key") is { } key && entity.GetString("Value") is { } value)
            {
                yield return new KeyValuePair<string, string>(key, value);
            }
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string partition, string key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _table.DeleteEntityAsync(KeyEncoding.Safe(partition), KeyEncoding.Safe(key), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _exists = true;
        }
    }

    private static TableEntity Entity(string partition, string key, string value) =>
        new(KeyEncoding.Safe(partition), KeyEncoding.Safe(key)) { ["Value"] = value, ["Key"] = key.Length <= 1024 ? key : key[..1024] };
}

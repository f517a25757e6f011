namespace NewsWatch.Core.State;

/// <summary>
/// Small keyed records (seen URLs, HTTP validators, source health, alert ledger, delivery ledger): an Azure Table
/// (<c>newswatchstate</c>) or the local folder's <c>state/</c>. Keys may hold any characters; implementations map them to
/// safe names. Values are short JSON or text.
/// </summary>
public interface IStateStore
{
    /// <summary>The value under (<paramref name="partition"/>, <paramref name="key"/>), or null.</summary>
    Task<string?> GetAsync(string partition, string key, CancellationToken cancellationToken);

    /// <summary>Stores the value only if the key is absent; true when this call stored it, false when a value was already there.</summary>
    Task<bool> TryAddAsync(string partition, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the value only if it is still exactly <paramref name="expected"/> (a compare-and-swap: an ETag condition
    /// on Table storage, a lock file in the folder); true when this call replaced it, false when the value changed or
    /// disappeared meanwhile, or another writer holds the key.
    /// </summary>
    Task<bool> TryReplaceAsync(string partition, string key, string expected, string value, CancellationToken cancellationToken);

    /// <summary>Stores the value, replacing any other.</summary>
    Task SetAsync(string partition, string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every record of <paramref name="records"/>, replacing any other (for a key given twice, the last value).
    /// Table storage writes them as batches (entity group transactions of up to 100 records of the partition, one
    /// round trip each, atomic per batch); by default, one <see cref="SetAsync"/> per record, side by side.
    /// </summary>
    Task SetManyAsync(string partition, IReadOnlyCollection<KeyValuePair<string, string>> records, CancellationToken cancellationToken) =>
        Task.WhenAll((records ?? throw new ArgumentNullException(nameof(records)))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => SetAsync(partition, g.Key, g.Last().Value, cancellationToken)));

    /// <summary>
    /// Every record of <paramref name="partition"/> as (key, value), read in a bounded number of round trips (a table
    /// query returns up to 1,000 records a page), not one per key.
    /// </summary>
    IAsyncEnumerable<KeyValuePair<string, string>> ListAsync(string partition, CancellationToken cancellationToken);

    /// <summary>Removes the record if it is there.</summary>
    Task DeleteAsync(string partition, string key, CancellationToken cancellationToken);
}

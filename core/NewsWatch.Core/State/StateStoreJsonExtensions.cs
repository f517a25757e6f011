using System.Text.Json;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.State;

/// <summary>Typed state records: JSON with the contract's options (camelCase, UTC times) over <see cref="IStateStore"/>.</summary>
public static class StateStoreJsonExtensions
{
    /// <summary>
    /// The record under (<paramref name="partition"/>, <paramref name="key"/>), or null; a record that cannot be read
    /// as a <typeparamref name="T"/> throws <see cref="UnreadableStateException"/>, naming it.
    /// </summary>
    public static async Task<T?> GetJsonAsync<T>(this IStateStore state, string partition, string key, CancellationToken cancellationToken)
        where T : class
    {
        var json = await state.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, AlertJson.TypeInfo<T>());
        }
        catch (JsonException ex)
        {
            throw new UnreadableStateException(partition, key, typeof(T).Name, ex);
        }
    }

    /// <summary>
    /// As <see cref="GetJsonAsync{T}"/>, for a record that only saves work (validators, health, the story index): one
    /// that cannot be read counts as absent, and the next write replaces it. Never for a ledger, whose absence would
    /// repeat an alert or an email.
    /// </summary>
    public static async Task<T?> GetJsonOrAbsentAsync<T>(this IStateStore state, string partition, string key, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await state.GetJsonAsync<T>(partition, key, cancellationToken).ConfigureAwait(false);
        }
        catch (UnreadableStateException)
        {
            return null;
        }
    }

    /// <summary>Stores the record, replacing any other.</summary>
    public static Task SetJsonAsync<T>(this IStateStore state, string partition, string key, T value, CancellationToken cancellationToken) =>
        state.SetAsync(partition, key, JsonSerializer.Serialize(value, AlertJson.TypeInfo<T>()), cancellationToken);

    /// <summary>Stores every record, replacing any other, in as few round trips as the store allows (<see cref="IStateStore.SetManyAsync"/>).</summary>
    public static Task SetManyJsonAsync<T>(this IStateStore state, string partition, IEnumerable<KeyValuePair<string, T>> records, CancellationToken cancellationToken) =>
        state.SetManyAsync(partition, [.. records.Select(r => KeyValuePair.Create(r.Key, JsonSerializer.Serialize(r.Value, AlertJson.TypeInfo<T>())))], cancellationToken);

    /// <summary>Stores the record only if the key is absent; true when this call stored it.</summary>
    public static Task<bool> TryAddJsonAsync<T>(this IStateStore state, string partition, string key, T value, CancellationToken cancellationToken) =>
        state.TryAddAsync(partition, key, JsonSerializer.Serialize(value, AlertJson.TypeInfo<T>()), cancellationToken);
}

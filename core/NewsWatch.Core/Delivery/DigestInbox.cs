using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Per subscriber, the alerts waiting for the next digest: one state record (partition <c>digest-inbox</c>, key the
/// address) changed only by compare-and-swap, so concurrent deliveries never lose an item. At most
/// <see cref="MaxItems"/> are kept (the oldest go first; the digest says how many were dropped).
/// </summary>
public sealed class DigestInbox
{
    /// <summary>The state partition.</summary>
    public const string Partition = "digest-inbox";

    /// <summary>The most items one inbox keeps.</summary>
    public const int MaxItems = 300;

    private readonly IStateStore _state;

    public DigestInbox(IStateStore state) => _state = state;

    /// <summary>The waiting items of <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DigestItem>> GetAsync(string address, CancellationToken cancellationToken) =>
        (await ReadAsync(address, cancellationToken).ConfigureAwait(false)).Items;

    /// <summary>Adds <paramref name="item"/> unless an item of the same alert is there.</summary>
    public Task AddAsync(string address, DigestItem item, CancellationToken cancellationToken) =>
        UpdateAsync(address, items => items.Any(i => i.AlertId == item.AlertId) ? items : [.. items, item], cancellationToken);

    /// <summary>Removes the items of <paramref name="alertIds"/> (they went out in a digest).</summary>
    public Task RemoveAsync(string address, IReadOnlySet<string> alertIds, CancellationToken cancellationToken) =>
        UpdateAsync(address, items => [.. items.Where(i => !alertIds.Contains(i.AlertId))], cancellationToken);

    private async Task UpdateAsync(string address, Func<List<DigestItem>, List<DigestItem>> change, CancellationToken cancellationToken)
    {
        var key = Key(address);
        for (var round = 0; round < 50; round++)
        {
            var (json, items) = await ReadAsync(address, cancellationToken).ConfigureAwait(false);
            var changed = change([.. items]);
            if (changed.Count > MaxItems)
            {
                changed = changed[^MaxItems..];
            }

            var next = JsonSerializer.Serialize(changed, AlertJson.TypeInfo<List<DigestItem>>());
            var done = json is null
                ? await _state.TryAddAsync(Partition, key, next, cancellationToken).ConfigureAwait(false)
                : await _state.TryReplaceAsync(Partition, key, json, next, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), cancellationToken).ConfigureAwait(false);
        }

        throw new IOException($"The digest inbox of a subscriber kept changing; gave up updating it.");
    }

    private async Task<(string? Json, List<DigestItem> Items)> ReadAsync(string address, CancellationToken cancellationToken)
    {
        var json = await _state.GetAsync(Partition, Key(address), cancellationToken).ConfigureAwait(false);
        return (json, json is null ? [] : JsonSerializer.Deserialize(json, AlertJson.TypeInfo<List<DigestItem>>()) ?? []);
    }

    private static string Key(string address) => address.Trim().ToLowerInvariant();
}

using System.Text.Json;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>Addresses that unsubscribed: state partition <c>optouts</c>, key the address in lower case. Every sender checks it.</summary>
public sealed class OptOutStore
{
    /// <summary>The state partition.</summary>
    public const string Partition = "optouts";

    private readonly IStateStore _state;
    private readonly TimeProvider _time;

    public OptOutStore(IStateStore state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>True when <paramref name="address"/> opted out.</summary>
    public async Task<bool> IsOptedOutAsync(string address, CancellationToken cancellationToken) =>
        await _state.GetAsync(Partition, Normalize(address), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Opts <paramref name="address"/> out of every email (idempotent: the first time is kept).</summary>
    public Task OptOutAsync(string address, CancellationToken cancellationToken) =>
        _state.TryAddJsonAsync(Partition, Normalize(address), new OptOut(_time.GetUtcNow()), cancellationToken);

    /// <summary>Every opted-out address (lower case) with when it opted out, in address order.</summary>
    public async Task<IReadOnlyList<OptedOutAddress>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<OptedOutAddress>();
        await foreach (var (address, json) in _state.ListAsync(Partition, cancellationToken).ConfigureAwait(false))
        {
            DateTimeOffset? at = null;
            try
            {
                at = JsonSerializer.Deserialize(json, AlertJson.TypeInfo<OptOut>())?.At;
            }
            catch (JsonException)
            {
                // An unreadable record still opts the address out (IsOptedOutAsync only asks whether it exists).
            }

            result.Add(new OptedOutAddress(address, at));
        }

        return [.. result.OrderBy(o => o.Address, StringComparer.Ordinal)];
    }

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();

    internal sealed record OptOut(DateTimeOffset At);
}

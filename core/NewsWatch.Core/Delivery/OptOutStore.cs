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

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();

    private sealed record OptOut(DateTimeOffset At);
}

using System.Globalization;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Instant emails per subscriber and UTC clock hour (partition <c>budget</c>, key <c>{address}|{yyyyMMddHH}</c>), counted
/// by compare-and-swap so that concurrent deliveries never overspend.
/// </summary>
public sealed class DeliveryBudget
{
    /// <summary>The state partition.</summary>
    public const string Partition = "budget";

    private readonly IStateStore _state;
    private readonly TimeProvider _time;

    public DeliveryBudget(IStateStore state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    /// <summary>Takes one email from this hour's budget of <paramref name="maxPerHour"/>; false when it is spent.</summary>
    public async Task<bool> TryTakeAsync(string address, int maxPerHour, CancellationToken cancellationToken)
    {
        var key = address.Trim().ToLowerInvariant() + "|" + _time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        for (var round = 0; round < 50; round++)
        {
            var current = await _state.GetAsync(Partition, key, cancellationToken).ConfigureAwait(false);
            var used = current is null ? 0 : int.Parse(current, CultureInfo.InvariantCulture);
            if (used >= maxPerHour)
            {
                return false;
            }

            var next = (used + 1).ToString(CultureInfo.InvariantCulture);
            if (current is null
                    ? await _state.TryAddAsync(Partition, key, next, cancellationToken).ConfigureAwait(false)
                    : await _state.TryReplaceAsync(Partition, key, current, next, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), cancellationToken).ConfigureAwait(false);
        }

        throw new IOException("The delivery budget kept changing; gave up counting.");
    }
}

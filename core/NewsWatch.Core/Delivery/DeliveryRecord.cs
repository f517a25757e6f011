namespace NewsWatch.Core.Delivery;

/// <summary>The delivery ledger's value for one alert (or digest) and recipient (JSON in <c>StatePartitions.Deliveries</c>).</summary>
/// <param name="State">Where the message stands.</param>
/// <param name="At">When that state was recorded (UTC).</param>
/// <param name="Reason">Why it failed, for <see cref="DeliveryState.Failed"/>.</param>
public sealed record DeliveryRecord(DeliveryState State, DateTimeOffset At, string? Reason)
{
    /// <summary>
    /// For <see cref="DeliveryState.Sending"/>: who is sending (the queue message id of the attempt, which a redelivery
    /// of that message keeps), so a retry of the same message takes over and a duplicate message does not.
    /// </summary>
    public string? Owner { get; init; }
}

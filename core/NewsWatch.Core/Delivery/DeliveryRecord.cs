namespace NewsWatch.Core.Delivery;

/// <summary>The delivery ledger's value for one alert and recipient (JSON in <c>StatePartitions.Deliveries</c>).</summary>
/// <param name="State">Where the email stands.</param>
/// <param name="At">When that state was recorded (UTC).</param>
/// <param name="Reason">Why it failed, for <see cref="DeliveryState.Failed"/>.</param>
public sealed record DeliveryRecord(DeliveryState State, DateTimeOffset At, string? Reason);

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>What <see cref="ChannelDispatcher.DeliverAsync"/> did on one channel: the outcome, and the error to retry for.</summary>
/// <param name="Delivery">The outcome (<see cref="RecipientOutcome.Retry"/> when <paramref name="Error"/> is set).</param>
/// <param name="Error">What failed transiently (or a misconfiguration), or null.</param>
public sealed record ChannelAttempt(RecipientDelivery Delivery, Exception? Error);

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>What a webhook, Teams or Slack receiver said to one post.</summary>
/// <param name="Accepted">True for a 2xx answer.</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came (a refused address).</param>
/// <param name="Reason">Why it was refused for good, or null.</param>
public sealed record ChannelSendResult(bool Accepted, int? StatusCode, string? Reason);

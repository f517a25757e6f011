namespace NewsWatch.Core.Delivery;

/// <summary>An address that unsubscribed (<see cref="OptOutStore"/>).</summary>
/// <param name="Address">The address, lower case.</param>
/// <param name="At">When it opted out (UTC), or null when the record does not say.</param>
public sealed record OptedOutAddress(string Address, DateTimeOffset? At);

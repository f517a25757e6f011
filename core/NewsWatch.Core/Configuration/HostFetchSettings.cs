namespace NewsWatch.Core.Configuration;

/// <summary>The limits of one host in the config's <c>fetch.hosts</c>; a null field keeps the section's value.</summary>
/// <param name="MaxInFlightPerHost">Requests in flight at this host at once (1-64).</param>
/// <param name="MinIntervalSeconds">The least time between two request starts at this host (0-300 s).</param>
public sealed record HostFetchSettings(int? MaxInFlightPerHost, double? MinIntervalSeconds);

namespace NewsWatch.Core.Configuration;

/// <summary>
/// The config's <c>fetch</c> section: the User-Agent and the per-host politeness limits. The settings
/// <c>Fetch__UserAgent</c>, <c>Fetch__MaxInFlightPerHost</c>, <c>Fetch__MinIntervalSeconds</c> and
/// <c>Fetch__Hosts__{host}__...</c> override it.
/// </summary>
/// <param name="UserAgent">The User-Agent header; null for the default <c>NewsWatch/{version} (+url)</c>.</param>
/// <param name="MaxInFlightPerHost">Requests in flight at one host at once (1-64); null for the default 2.</param>
/// <param name="MinIntervalSeconds">The least time between two request starts at one host (0-300 s); null for the default 1 s.</param>
/// <param name="Hosts">Limits for named hosts (a host name, or host:port), over the ones above.</param>
public sealed record FetchSettings(
    string? UserAgent,
    int? MaxInFlightPerHost,
    double? MinIntervalSeconds,
    IReadOnlyDictionary<string, HostFetchSettings> Hosts);

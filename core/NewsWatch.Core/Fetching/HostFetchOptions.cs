using System.ComponentModel.DataAnnotations;

namespace NewsWatch.Core.Fetching;

/// <summary>The limits of one host (settings <c>Fetch__Hosts__{host}__MaxInFlightPerHost</c> and <c>..__MinIntervalSeconds</c>).</summary>
public sealed class HostFetchOptions
{
    /// <summary>Requests in flight at this host at once; null keeps the general limit.</summary>
    [Range(1, 64)]
    public int? MaxInFlightPerHost { get; set; }

    /// <summary>The least time in seconds between two request starts at this host; null keeps the general interval.</summary>
    [Range(0.0, 300.0)]
    public double? MinIntervalSeconds { get; set; }
}

namespace NewsWatch.Core.Fetching;

/// <summary>The politeness limits of one host.</summary>
/// <param name="MaxInFlight">Requests in flight at once.</param>
/// <param name="MinInterval">The least time between two request starts (before a crawl delay or a slow-down raises it).</param>
internal sealed record HostLimits(int MaxInFlight, TimeSpan MinInterval);

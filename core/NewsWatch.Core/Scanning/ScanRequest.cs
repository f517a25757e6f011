namespace NewsWatch.Core.Scanning;

/// <summary>
/// The message on queue <c>scan-requests</c>: scan one host's sources, <c>{"host": "...", "sourceIds": [...]}</c>, one
/// instance at a time. A message of the first shape, <c>{"sourceId": "..."}</c>, is still accepted and scans that source.
/// </summary>
/// <param name="SourceId">The one source to scan (the first shape); null in a host request.</param>
/// <param name="RequestedAt">When the schedule asked.</param>
/// <param name="Host">The host (see <see cref="HostKey"/>) whose sources to scan.</param>
/// <param name="SourceIds">The sources of <paramref name="Host"/> due this cycle.</param>
/// <param name="NotAfter">The scan takes no new work after this (before the next cycle starts).</param>
public sealed record ScanRequest(
    string? SourceId,
    DateTimeOffset RequestedAt,
    string? Host = null,
    IReadOnlyList<string>? SourceIds = null,
    DateTimeOffset? NotAfter = null);

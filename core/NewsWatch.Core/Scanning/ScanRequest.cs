namespace NewsWatch.Core.Scanning;

/// <summary>The message on queue <c>scan-requests</c>: scan one source in this cycle.</summary>
public sealed record ScanRequest(string SourceId, DateTimeOffset RequestedAt);

namespace NewsWatch.Core.Fetching;

/// <summary>One URL to fetch, with the validators from the last successful fetch for a conditional GET.</summary>
public sealed record FetchRequest(Uri Url, string? ETag = null, DateTimeOffset? LastModified = null);

namespace NewsWatch.Core.State;

/// <summary>The validators of a URL's last successful fetch, for a conditional GET.</summary>
public sealed record HttpValidators(string? ETag, DateTimeOffset? LastModified);

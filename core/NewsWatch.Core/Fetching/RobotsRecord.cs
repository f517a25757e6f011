namespace NewsWatch.Core.Fetching;

/// <summary>A robots.txt as kept in the state store (partition <c>robots</c>, key the origin), shared by every instance.</summary>
/// <param name="Content">The file's first <see cref="RobotsTxt.MaxParsedBytes"/>, or null when everything is allowed (a 4xx).</param>
/// <param name="Status">The HTTP status it was read with.</param>
/// <param name="FetchedAt">When it was read.</param>
/// <param name="ExpiresAt">When it must be read again.</param>
internal sealed record RobotsRecord(string? Content, int Status, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt);

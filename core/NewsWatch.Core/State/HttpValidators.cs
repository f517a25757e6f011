namespace NewsWatch.Core.State;

/// <summary>The validators of a URL's last successful fetch, for a conditional GET.</summary>
/// <param name="ETag">The response's ETag.</param>
/// <param name="LastModified">The response's Last-Modified.</param>
/// <param name="FreshUntil">
/// Not fetched again before this time: the last answer's <c>Cache-Control: max-age</c> or a feed's <c>ttl</c> (at most
/// an hour). Null when neither was given.
/// </param>
public sealed record HttpValidators(string? ETag, DateTimeOffset? LastModified, DateTimeOffset? FreshUntil = null)
{
    /// <summary>How long the last full answer said it stays fresh (its max-age or feed ttl), kept so that a 304 without a max-age of its own keeps the feed's ttl.</summary>
    public TimeSpan? FreshFor { get; init; }
}

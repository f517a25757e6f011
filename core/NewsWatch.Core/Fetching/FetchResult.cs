namespace NewsWatch.Core.Fetching;

/// <summary>The result of one fetch: an outcome, and on success the decoded body and its validators.</summary>
/// <param name="Url">The URL that was asked for.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="StatusCode">The last HTTP status, when there was one.</param>
/// <param name="FinalUrl">The URL after redirects.</param>
/// <param name="Content">The decoded body (charset from BOM, then header, then meta tag), on <see cref="FetchOutcome.Ok"/>.</param>
/// <param name="ContentType">The media type, without parameters.</param>
/// <param name="ETag">The response's ETag, for the next conditional GET.</param>
/// <param name="LastModified">The response's Last-Modified, for the next conditional GET.</param>
/// <param name="Error">A short human-readable reason when the outcome is not Ok or NotModified.</param>
/// <param name="MaxAge">The response's <c>Cache-Control: max-age</c> (none with <c>no-cache</c> or <c>no-store</c>).</param>
public sealed record FetchResult(
    Uri Url,
    FetchOutcome Outcome,
    int? StatusCode = null,
    Uri? FinalUrl = null,
    string? Content = null,
    string? ContentType = null,
    string? ETag = null,
    DateTimeOffset? LastModified = null,
    string? Error = null,
    TimeSpan? MaxAge = null)
{
    /// <summary>True when the body is here.</summary>
    public bool IsOk => Outcome == FetchOutcome.Ok;
}

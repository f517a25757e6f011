namespace NewsWatch.Core.Fetching;

/// <summary>What became of one fetch. Every failure is a value with a stable name, recorded on the source's health.</summary>
public enum FetchOutcome
{
    /// <summary>200 with a usable body.</summary>
    Ok,
    /// <summary>304: the validators still hold.</summary>
    NotModified,
    /// <summary>No (complete) answer within the per-attempt or total timeout.</summary>
    Timeout,
    /// <summary>429 (or 503 with Retry-After) after every retry.</summary>
    RateLimited,
    /// <summary>401, 403 or 451.</summary>
    Blocked,
    /// <summary>404 or 410.</summary>
    NotFound,
    /// <summary>Any other 4xx.</summary>
    ClientError,
    /// <summary>5xx after every retry.</summary>
    ServerError,
    /// <summary>The body (after decompression) is over the size cap.</summary>
    TooLarge,
    /// <summary>The content type is not HTML, XML or a feed.</summary>
    NotHtml,
    /// <summary>More than the allowed number of redirects.</summary>
    TooManyRedirects,
    /// <summary>DNS, connection refused or reset, TLS failure.</summary>
    NetworkError,
    /// <summary>The circuit breaker for this host is open: the request was not sent.</summary>
    CircuitOpen,
    /// <summary>The URL cannot be fetched (unsupported scheme, missing file).</summary>
    InvalidUrl,

    /// <summary>The page was fetched but is too complex to process within its time and memory budget (given up).</summary>
    TooComplex,

    /// <summary>Processing the fetched page failed with an unexpected error (tried again a few times).</summary>
    PageFailed,

    /// <summary>The site's robots.txt disallows the URL (or cannot be read yet: a 5xx or no answer): not fetched, not an error.</summary>
    Disallowed,

    /// <summary>The address is in a private, loopback, link-local, CGNAT or unspecified range and such fetches are not allowed.</summary>
    Forbidden,

    /// <summary>The listing's <c>Cache-Control: max-age</c> or feed <c>ttl</c> has not passed since its last fetch: not fetched.</summary>
    NotDue,
}

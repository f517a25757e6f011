namespace NewsWatch.Core.Sources;

/// <summary>
/// Canonical form of an article URL, used for seen-state keys and alert ids: absolute http(s), no fragment,
/// no <c>utm_*</c> query parameters (the rest of the query is kept, in its order), scheme and host lower-case.
/// </summary>
public static class UrlCanonicalizer
{
    /// <summary>Returns the canonical form of <paramref name="url"/>.</summary>
    public static Uri Canonicalize(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"'{url}' is not an absolute URL.", nameof(url));
        }

        var builder = new UriBuilder(url) { Fragment = string.Empty };
        var query = url.Query;
        if (query.Length > 1)
        {
            var kept = query[1..]
                .Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase));
            builder.Query = string.Join('&', kept);
        }

        if (builder.Uri.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    /// <summary>Canonicalises a string URL; returns null when it is not an absolute http(s) or file URL.</summary>
    public static Uri? TryCanonicalize(string? url, Uri? baseUrl = null)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        Uri? parsed;
        if (baseUrl is not null)
        {
            Uri.TryCreate(baseUrl, url.Trim(), out parsed);
        }
        else
        {
            Uri.TryCreate(url.Trim(), UriKind.Absolute, out parsed);
        }

        if (parsed is null || !parsed.IsAbsoluteUri ||
            (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeFile))
        {
            return null;
        }

        return Canonicalize(parsed);
    }
}

namespace NewsWatch.Core.Fetching;

/// <summary>Which media types the fetcher accepts: HTML, XHTML, XML and feeds, and leniently text/plain (often HTML).</summary>
internal static class ContentTypes
{
    /// <summary>The Accept header sent with every request.</summary>
    public const string AcceptHeader =
        "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.5,*/*;q=0.1";

    /// <summary>True for a media type whose body can be a page or a feed; a missing type is accepted (the body decides).</summary>
    public static bool IsAcceptable(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return true;
        }

        var type = mediaType.Trim();
        return type.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The media type of a local file, from its extension: HTML unless the extension says XML or a binary type.</summary>
    public static string FromFileExtension(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".xml" or ".rss" or ".atom" or ".rdf" => "application/xml",
            ".xhtml" => "application/xhtml+xml",
            ".txt" => "text/plain",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".svg" => "image/svg+xml",
            ".pdf" => "application/pdf",
            ".zip" => "application/zip",
            ".gz" => "application/gzip",
            ".json" => "application/json",
            _ => "text/html",
        };
}

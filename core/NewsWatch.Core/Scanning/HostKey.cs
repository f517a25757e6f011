namespace NewsWatch.Core.Scanning;

/// <summary>The name a host goes by in scan requests, leases and state: lower-case host, with the port when it is not the scheme's default.</summary>
public static class HostKey
{
    /// <summary>The key for <paramref name="url"/>: <c>example.org</c>, <c>127.0.0.1-8080</c>, or <c>file</c> for local files.</summary>
    public static string Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsFile || string.IsNullOrEmpty(url.Host))
        {
            return "file";
        }

        var host = url.IdnHost.ToLowerInvariant().Trim('[', ']').Replace(':', '-');
        return url.IsDefaultPort ? host : host + "-" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

namespace NewsWatch.Core.Sources;

/// <summary>A configured news source.</summary>
/// <param name="Id">Stable id, used in state keys and alerts.</param>
/// <param name="Url">The listing page or feed (http, https, or file).</param>
/// <param name="Kind">Page or feed.</param>
/// <param name="LinkPattern">A .NET regular expression matched against absolute link URLs; null takes every same-host link.</param>
/// <param name="MaxArticles">At most this many new articles are fetched per scan (default 30).</param>
/// <param name="BackfillHours">On the source's first scan, how old an article may be and still alert (default 24).</param>
/// <param name="MatchAnyPage">True (<c>"pageTypes": "any"</c>): every page the source links to is matched, whatever the page classifier says.</param>
public sealed record Source(
    string Id,
    Uri Url,
    SourceKind Kind,
    string? LinkPattern = null,
    int MaxArticles = Source.DefaultMaxArticles,
    double BackfillHours = Source.DefaultBackfillHours,
    bool MatchAnyPage = false)
{
    /// <summary>Default for <see cref="MaxArticles"/>.</summary>
    public const int DefaultMaxArticles = 30;

    /// <summary>The largest <see cref="MaxArticles"/> a config may set.</summary>
    public const int MaxMaxArticles = 1000;

    /// <summary>The largest <see cref="BackfillHours"/> a config may set (a year).</summary>
    public const double MaxBackfillHours = 8760;

    /// <summary>Default for <see cref="BackfillHours"/>.</summary>
    public const double DefaultBackfillHours = 24;
}

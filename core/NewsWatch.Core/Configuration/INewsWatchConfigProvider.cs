namespace NewsWatch.Core.Configuration;

/// <summary>
/// The current <see cref="NewsWatchConfig"/>: from a file (<c>NEWSWATCH_CONFIG</c>, or the CLI's --config) or from the
/// blob <c>config/newswatch.json</c>, re-read when it changes. A new version that fails validation is refused with an
/// error log and the last good one stays in force; only when there has never been a good one does this throw
/// <see cref="ConfigException"/>.
/// </summary>
public interface INewsWatchConfigProvider
{
    /// <summary>The config in force now.</summary>
    Task<NewsWatchConfig> GetConfigAsync(CancellationToken cancellationToken);
}

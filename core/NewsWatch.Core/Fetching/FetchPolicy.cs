using System.Reflection;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// The politeness limits and User-Agent in force: the settings (<see cref="FetchOptions"/>, <c>Fetch__*</c>) over the
/// config's <c>fetch</c> section over the defaults (2 in flight, 1 s apart). The config is re-read at most every
/// <see cref="RefreshInterval"/>, so an edited config takes effect without a restart.
/// </summary>
internal sealed class FetchPolicy
{
    /// <summary>Requests in flight at one host by default.</summary>
    public const int DefaultMaxInFlightPerHost = 2;

    /// <summary>Seconds between two request starts at one host by default.</summary>
    public const double DefaultMinIntervalSeconds = 1.0;

    /// <summary>How often the config's section is looked at again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly INewsWatchConfigProvider? _config;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile FetchSettings? _section;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public FetchPolicy(IOptions<FetchOptions> options, TimeProvider time, INewsWatchConfigProvider? config = null)
    {
        _options = options.Value;
        _time = time;
        _config = config;
    }

    /// <summary>The default User-Agent: <c>NewsWatch/{assembly version} (+https://github.com/newswatch/newswatch)</c>.</summary>
    public static string DefaultUserAgent { get; } = BuildDefaultUserAgent();

    /// <summary>The User-Agent header in force.</summary>
    public string UserAgent => _options.UserAgent ?? _section?.UserAgent ?? DefaultUserAgent;

    /// <summary>Uses <paramref name="section"/> as the config's section (the config provider's, when there is one, replaces it on refresh).</summary>
    public void Apply(FetchSettings? section) => _section = section;

    /// <summary>Re-reads the config's section when it is older than <see cref="RefreshInterval"/>; a config that cannot be read keeps the last one.</summary>
    public async ValueTask RefreshAsync(CancellationToken cancellationToken)
    {
        if (_config is null || _time.GetUtcNow() - _refreshedAt < RefreshInterval)
        {
            return;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_time.GetUtcNow() - _refreshedAt < RefreshInterval)
            {
                return;
            }

            try
            {
                _section = (await _config.GetConfigAsync(cancellationToken).ConfigureAwait(false)).Fetch;
            }
            catch (ConfigException)
            {
                // No good config yet: the scan reports that; the fetcher keeps the settings and defaults.
            }

            _refreshedAt = _time.GetUtcNow();
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The limits of the host of <paramref name="url"/>: its own entry (host:port, then host), then the general ones.</summary>
    public HostLimits For(Uri url)
    {
        var section = _section;
        var authority = url.Authority;
        var host = url.IdnHost;
        var optionHost = Find(_options.Hosts, authority, host);
        var sectionHost = section is null ? null : Find(section.Hosts, authority, host);
        var maxInFlight = optionHost?.MaxInFlightPerHost ?? _options.MaxInFlightPerHost ?? sectionHost?.MaxInFlightPerHost
            ?? section?.MaxInFlightPerHost ?? DefaultMaxInFlightPerHost;
        var interval = optionHost?.MinIntervalSeconds ?? _options.MinIntervalSeconds ?? sectionHost?.MinIntervalSeconds
            ?? section?.MinIntervalSeconds ?? DefaultMinIntervalSeconds;
        return new HostLimits(Math.Clamp(maxInFlight, 1, 64), TimeSpan.FromSeconds(Math.Clamp(interval, 0, 300)));
    }

    private static T? Find<T>(IReadOnlyDictionary<string, T> hosts, string authority, string host)
        where T : class =>
        hosts.Count == 0 ? null
        : hosts.TryGetValue(authority, out var byAuthority) ? byAuthority
        : hosts.TryGetValue(host, out var byHost) ? byHost
        : hosts.FirstOrDefault(h => h.Key.Equals(authority, StringComparison.OrdinalIgnoreCase) || h.Key.Equals(host, StringComparison.OrdinalIgnoreCase)).Value;

    private static string BuildDefaultUserAgent()
    {
        var assembly = typeof(FetchPolicy).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        return $"NewsWatch/{version} (+https://github.com/newswatch/newswatch)";
    }
}

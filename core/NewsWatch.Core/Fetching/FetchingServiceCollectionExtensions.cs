using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Fetching;

/// <summary>Registers the page fetcher: options, the HTTP client with its resilience pipeline, and <see cref="IPageFetcher"/>.</summary>
public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IPageFetcher"/> and what it needs. <see cref="FetchOptions"/> bind to the section
    /// <see cref="FetchOptions.SectionName"/> of <paramref name="configuration"/> and are validated at start. The pipeline
    /// takes its clock from the <see cref="TimeProvider"/> registered in <paramref name="services"/> (a test may register
    /// a fake one before this call; otherwise the system clock is added).
    /// </summary>
    public static IServiceCollection AddNewsWatchFetching(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // windows-1251, shift_jis, euc-kr, iso-8859-x and the other legacy code pages.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FetchOptions>()
            .Bind(configuration.GetSection(FetchOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FetchOptions>, Configuration.FetchOptionsValidator>());

        services.AddOptions<PrivateNetworkOptions>()
            .Configure(options => ReadPrivateNetworkSettings(configuration, options))
            .Validate(_ => PrivateNetworkSettingsError(configuration) is null, PrivateNetworkSettingsError(configuration) ?? "invalid private network settings");
        services.TryAddSingleton<FetchPolicy>();
        services.TryAddSingleton<HostThrottle>();
        services.TryAddSingleton<RobotsCache>();
        services.TryAddTransient<PolitenessHandler>();
        services.TryAddTransient<BodyLimitHandler>();
        var http = services.AddHttpClient(HttpPageFetcher.HttpClientName, static (sp, client) =>
            {
                // The User-Agent is set per request by the politeness handler (the config may change it). The resilience pipeline owns every timeout; HttpClient's own 100 s default would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", ContentTypes.AcceptHeader);
            })
            .ConfigurePrimaryHttpMessageHandler(static sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConnectionsPerHost,
                UseCookies = false,
            })
            .AddPrivateNetworkGuard();

        // Handlers run in the order added: retries and the circuit breaker outside; then politeness (a slot and a turn at the
        // host, per attempt); then the attempt timeout, so waiting for the host is not timed but a slow body is; the body cap
        // innermost (so the attempt timeout covers the body and the host's slot is held only while it is read).
        http.AddResilienceHandler(FetchResilience.HandlerName, static (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                FetchResilience.Configure(builder, options, timeProvider);
            })
            .SelectPipelineByAuthority();
        http.AddHttpMessageHandler<PolitenessHandler>();
        http.AddResilienceHandler(FetchResilience.AttemptHandlerName, static (builder, context) =>
            FetchResilience.ConfigureAttempt(builder, context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value));
        http.AddHttpMessageHandler<BodyLimitHandler>();

        services.TryAddSingleton<IPageFetcher, HttpPageFetcher>();
        return services;
    }

    private static void ReadPrivateNetworkSettings(IConfiguration configuration, PrivateNetworkOptions options)
    {
        if (bool.TryParse(configuration[PrivateNetworkOptions.AllowSetting], out var allow))
        {
            options.AllowPrivateNetworks = allow;
        }

        foreach (var range in (configuration[PrivateNetworkOptions.AllowedNetworksSetting] ?? string.Empty)
                     .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(range, out var network))
            {
                options.AllowedNetworks.Add(network);
            }
        }
    }

    private static string? PrivateNetworkSettingsError(IConfiguration configuration)
    {
        var allow = configuration[PrivateNetworkOptions.AllowSetting];
        if (!string.IsNullOrWhiteSpace(allow) && !bool.TryParse(allow, out _))
        {
            return $"{PrivateNetworkOptions.AllowSetting}: '{allow}' is not true or false.";
        }

        var bad = (configuration[PrivateNetworkOptions.AllowedNetworksSetting] ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(r => !IPNetwork.TryParse(r, out _))
            .ToList();
        return bad.Count == 0 ? null : $"{PrivateNetworkOptions.AllowedNetworksSetting}: not CIDR ranges: {string.Join(", ", bad)}.";
    }
}

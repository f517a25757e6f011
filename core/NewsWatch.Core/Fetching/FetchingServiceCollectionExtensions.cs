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
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddTransient<BodyLimitHandler>();
        var http = services.AddHttpClient(HttpPageFetcher.HttpClientName, static (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<FetchOptions>>().Value;

                // The resilience pipeline owns every timeout; HttpClient's own 100 s default would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
                client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", ContentTypes.AcceptHeader);
            })
            .ConfigurePrimaryHttpMessageHandler(static sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConnectionsPerHost,
                UseCookies = false,
            });

        // Handlers run in the order added: the pipeline outside, the body cap inside it (so attempt timeouts cover the body).
        http.AddResilienceHandler(FetchResilience.HandlerName, static (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                FetchResilience.Configure(builder, options, timeProvider);
            })
            .SelectPipelineByAuthority();
        http.AddHttpMessageHandler<BodyLimitHandler>();

        services.TryAddSingleton<IPageFetcher, HttpPageFetcher>();
        return services;
    }
}

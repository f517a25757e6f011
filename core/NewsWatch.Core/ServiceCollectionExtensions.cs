using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Sources;

namespace NewsWatch.Core;

/// <summary>The one registration point for every host (functions, CLI, tests).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the whole core pipeline.</summary>
    public static IServiceCollection AddNewsWatchCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddNewsWatchFetching(configuration);
        services.TryAddSingleton<IArticleExtractor, ArticleExtractor>();
        services.TryAddSingleton<ILinkDiscoverer, LinkDiscoverer>();
        return services;
    }
}

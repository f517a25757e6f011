using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NewsWatch.Core.Fetching;

/// <summary>Registers the fetcher: PLACEHOLDER, replaced by the real HTTP fetcher.</summary>
public static class FetchingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IPageFetcher"/> and what it needs.</summary>
    public static IServiceCollection AddNewsWatchFetching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPageFetcher, FilePageFetcherPlaceholder>();
        return services;
    }

    private sealed class FilePageFetcherPlaceholder : IPageFetcher
    {
        public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
        {
            var text = await File.ReadAllTextAsync(request.Url.LocalPath, cancellationToken).ConfigureAwait(false);
            return new FetchResult(request.Url, FetchOutcome.Ok, FinalUrl: request.Url, Content: text, ContentType: "text/html");
        }
    }
}

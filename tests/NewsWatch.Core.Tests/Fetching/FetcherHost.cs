using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsWatch.Core.Fetching;

namespace NewsWatch.Core.Tests.Fetching;

/// <summary>Builds the fetcher the way the hosts do: a service collection, <c>AddNewsWatchFetching</c>, in-memory settings.</summary>
internal static class FetcherHost
{
    /// <summary>Settings for fast tests: short real delays, a few retries, timeouts far above what loopback needs.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastSettings = new Dictionary<string, string?>
    {
        ["Fetch:AttemptTimeout"] = "00:00:05",
        ["Fetch:TotalTimeout"] = "00:00:20",
        ["Fetch:MaxRetries"] = "2",
        ["Fetch:RetryBaseDelay"] = "00:00:00.010",
        ["Fetch:MaxRetryAfter"] = "00:00:10",
        ["Fetch:MaxResponseBytes"] = "65536",

        // Not about politeness or the private-network guard: limits lifted, loopback allowed.
        ["Fetch:MinIntervalSeconds"] = "0",
        ["Fetch:MaxInFlightPerHost"] = "64",
        ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",
    };

    public static ServiceProvider Build(IDictionary<string, string?>? overrides = null, TimeProvider? timeProvider = null, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(FastSettings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLogging();
        configure?.Invoke(services);
        services.AddNewsWatchFetching(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static async Task<FetchResult> FetchAsync(Uri url, IDictionary<string, string?>? overrides = null)
    {
        await using var services = Build(overrides);
        return await services.GetRequiredService<IPageFetcher>().FetchAsync(new FetchRequest(url), CancellationToken.None);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsWatch.Core.Alerts;
using NewsWatch.Testing;

namespace NewsWatch.Core.Tests.Scanning;

/// <summary>
/// The core as the CLI builds it (<c>AddNewsWatchCore</c>, a local data folder), on a fake clock, with pages from the
/// loopback server. Retries are off so that no fetch waits on the fake clock.
/// </summary>
internal sealed class ScanTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private ScanTestHost(ServiceProvider services, string dataDirectory, FakeTimeProvider time)
    {
        Services = services;
        DataDirectory = dataDirectory;
        Time = time;
    }

    public ServiceProvider Services { get; }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public static ScanTestHost Create(string? configFile = null, Action<IServiceCollection>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("nw-scan-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["NEWSWATCH_DATA_DIR"] = dataDirectory,
            ["NEWSWATCH_CONFIG"] = configFile,
            ["Fetch:MaxRetries"] = "0",
            ["Fetch:AttemptTimeout"] = "00:00:10",
            ["Fetch:TotalTimeout"] = "00:00:20",
            ["Fetch:MinIntervalSeconds"] = "0",
            ["Fetch:MaxInFlightPerHost"] = "64",
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new FakeTimeProvider(Now);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        configure?.Invoke(services);
        services.AddNewsWatchCore(configuration);
        return new ScanTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), dataDirectory, time);
    }

    public static string Page(string title, string body, string canonical = "", string? publishedAt = null)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Scanning", "article-template.html"));
        return template
            .Replace("{{TITLE}}", title, StringComparison.Ordinal)
            .Replace("{{BODY}}", body, StringComparison.Ordinal)
            .Replace("{{CANONICAL}}", canonical, StringComparison.Ordinal)
            .Replace("{{PUBLISHED}}", publishedAt is null ? string.Empty : $"<meta property=\"article:published_time\" content=\"{publishedAt}\">", StringComparison.Ordinal);
    }

    public static string TestData(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Scanning", name));

    /// <summary>Every alert blob written to the data folder.</summary>
    public List<Alert> ReadAlerts()
    {
        var folder = Path.Combine(DataDirectory, "alerts");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f => AlertJson.DeserializeAlert(File.ReadAllText(f))).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core;

namespace NewsWatch.Cli;

/// <summary>Builds the service provider the commands run on: the same core registrations as the function app.</summary>
internal static class CliHost
{
    /// <summary>The command line's settings win over the environment's.</summary>
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            // The CLI runs as its user, where local sites live: private networks are allowed unless the environment says false.
            .AddInMemoryCollection(new Dictionary<string, string?> { ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true" })
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; })
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Http", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddNewsWatchCore(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            // What a host checks at start (every option registered with ValidateOnStart), before the command does any work.
            provider.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (SettingsProblem.From(ex) is { } problem)
        {
            provider.Dispose();
            throw problem;
        }

        return provider;
    }

    /// <summary>An input is a URL (http, https, file) or a path to a local file.</summary>
    public static Uri ToUri(string input) =>
        Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file"
            ? uri
            : new Uri(Path.GetFullPath(input));
}

using System.Text;
using System.Text.Json;
using Azure.Core.Serialization;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NewsWatch.Core;
using NewsWatch.Testing;

namespace NewsWatch.Functions.Tests;

/// <summary>
/// The services a function app would build (<c>AddNewsWatchCore</c> over app settings) pointing at a real Azurite and a
/// real SMTP test server, with a config file written by the test, and the logs collected by a FakeLogger.
/// </summary>
internal sealed class FunctionsTestHost : IAsyncDisposable
{
    public const string Everything = "all@example.org";
    public const string CeasefireOnly = "ceasefire@example.org";

    private readonly string _directory;

    private FunctionsTestHost(string directory, ServiceProvider services, SmtpTestServer smtp, string connectionString)
    {
        _directory = directory;
        Services = services;
        Smtp = smtp;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public SmtpTestServer Smtp { get; }

    public string ConnectionString { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>
    /// Starts an SMTP server and builds the services. Sources: <paramref name="sourceIds"/>; rules <c>ceasefire</c> and
    /// <c>troops</c>; subscribers <see cref="Everything"/> (<c>["*"]</c>) and <see cref="CeasefireOnly"/>.
    /// </summary>
    public static Task<FunctionsTestHost> StartAsync(AzuriteFixture azurite, params string[] sourceIds) =>
        StartAsync(azurite, (sourceIds.Length == 0 ? ["example-world"] : sourceIds)
            .Select(id => new SourceSpec(id, new Uri($"https://news.example.org/{id}/"), null)).ToList());

    /// <summary>A source of the test config: its id, URL and link pattern.</summary>
    public sealed record SourceSpec(string Id, Uri Url, string? LinkPattern);

    /// <summary>As above, with the sources given in full (a loopback site, say).</summary>
    public static async Task<FunctionsTestHost> StartAsync(AzuriteFixture azurite, IReadOnlyList<SourceSpec> sourceSpecs)
    {
        var smtp = await SmtpTestServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("newswatch-functions-").FullName;
        var sources = sourceSpecs.Select(s => new { id = s.Id, url = s.Url.AbsoluteUri, kind = "page", linkPattern = s.LinkPattern });
        var config = new
        {
            sources,
            rules = new[] { new { id = "ceasefire", query = "ceasefire" }, new { id = "troops", query = "\"troops to Ukraine\"" } },
            subscribers = new object[]
            {
                new { email = Everything, rules = new[] { "*" } },
                new { email = CeasefireOnly, rules = new[] { "ceasefire" } },
            },
            smtp = new { host = "smtp.invalid", port = 25, tls = "starttls", from = "newswatch@example.org" },
        };
        var configPath = Path.Combine(directory, "newswatch.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config));

        // App settings as the Functions host gives them; the NEWSWATCH_SMTP_* ones override the config's smtp section.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["NEWSWATCH_CONFIG"] = configPath,
            ["NEWSWATCH_SCHEDULE"] = "0 */5 * * * *",
            ["NEWSWATCH_SMTP_HOST"] = smtp.Host,
            ["NEWSWATCH_SMTP_PORT"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["NEWSWATCH_SMTP_TLS"] = "none",
            ["NEWSWATCH_SMTP_PASSWORD"] = "",
            ["NEWSWATCH_SMTP_RETRY_DELAY"] = "00:00:00.010",
            ["NEWSWATCH_OUTAGE_DELAY"] = "00:00:01", // a deferred alert's copy is visible again after a second
            ["Fetch:MinIntervalSeconds"] = "0",
            ["Fetch:MaxInFlightPerHost"] = "64",
            ["NEWSWATCH_ALLOW_PRIVATE_NETWORKS"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddNewsWatchCore(settings);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new FunctionsTestHost(directory, provider, smtp, azurite.ConnectionString);
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>A queue client that Base64-decodes, as the Functions host's queue trigger does with messageEncoding base64.</summary>
    public QueueClient Queue(string name) =>
        new(ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A queue client that does not decode: the body as stored.</summary>
    public QueueClient RawQueue(string name) => new(ConnectionString, name);

    /// <summary>The serializer the isolated worker binds POCO trigger parameters with (its defaults, unchanged by Program.cs).</summary>
    public static ObjectSerializer WorkerSerializer()
    {
        var services = new ServiceCollection();
        services.AddFunctionsWorkerDefaults();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
    }

    /// <summary>Binds a queue message body to <typeparamref name="T"/> the way the trigger binding does.</summary>
    public static T Bind<T>(string body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return (T)WorkerSerializer().Deserialize(stream, typeof(T), CancellationToken.None)!;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Smtp.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}

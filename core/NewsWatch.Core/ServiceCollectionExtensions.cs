using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Archive;
using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Scanning;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Stories;

namespace NewsWatch.Core;

/// <summary>The one registration point for every host (functions, CLI, tests).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The setting that names a config file; without it the app reads blob <c>config/newswatch.json</c>.</summary>
    public const string ConfigFileSetting = "NEWSWATCH_CONFIG";

    /// <summary>
    /// Adds the whole core pipeline. Storage is Azure Storage when <c>NEWSWATCH_STORAGE</c>, <c>AzureWebJobsStorage</c>
    /// or <c>AzureWebJobsStorage__accountName</c> is set, else the local folder <c>NEWSWATCH_DATA_DIR</c> (default
    /// <c>./.newswatch</c>). The config is the file <c>NEWSWATCH_CONFIG</c>, else the config blob.
    /// </summary>
    public static IServiceCollection AddNewsWatchCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddNewsWatchFetching(configuration);
        services.TryAddSingleton<IArticleExtractor, ArticleExtractor>();
        services.TryAddSingleton<ILinkDiscoverer, LinkDiscoverer>();
        services.TryAddSingleton<IListingReader, ListingReader>();

        var storage = StorageOptions.From(configuration);
        if (storage.UsesAzureStorage)
        {
            AddAzureStorage(services, storage);
        }
        else
        {
            AddFolderStorage(services, storage.DataDirectory);
        }

        var configFile = configuration[ConfigFileSetting];
        if (!string.IsNullOrWhiteSpace(configFile))
        {
            services.TryAddSingleton<INewsWatchConfigProvider>(sp =>
                new FileConfigProvider(configFile, sp.GetRequiredService<ILogger<FileConfigProvider>>()));
        }
        else if (storage.UsesAzureStorage)
        {
            services.TryAddSingleton<INewsWatchConfigProvider>(sp => new BlobConfigProvider(
                sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.ConfigContainer).GetBlobClient(StorageNames.ConfigBlob),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BlobConfigProvider>>()));
        }
        else
        {
            services.TryAddSingleton<INewsWatchConfigProvider>(sp =>
                new FileConfigProvider("newswatch.json", sp.GetRequiredService<ILogger<FileConfigProvider>>()));
        }

        services.TryAddSingleton<RuleBacktester>();
        services.TryAddSingleton<AlertLedger>();
        services.TryAddSingleton<AlertPublisher>();
        services.TryAddSingleton<SourceStateStore>();
        services.TryAddSingleton<ArticleRecordStore>();
        services.AddOptions<ScanOptions>().Bind(configuration.GetSection(ScanOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScanOptions>, Configuration.ScanOptionsValidator>());
        services.AddOptions<SourceHealthOptions>().Bind(configuration.GetSection(SourceHealthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceHealthOptions>, Configuration.SourceHealthOptionsValidator>());
        services.TryAddSingleton<PageMemoryBudget>();
        services.TryAddSingleton<ISourceAlarms, OperatorSourceAlarms>();
        services.TryAddSingleton<HostScanner>();
        services.TryAddSingleton<NewRuleBackfill>();
        services.TryAddSingleton<ISourceScanner, SourceScanner>();
        services.TryAddSingleton<ScanService>();
        services.TryAddSingleton<IScanService>(sp => sp.GetRequiredService<ScanService>());
        services.TryAddSingleton<ScanCycle>();
        services.AddNewsWatchDelivery(configuration);
        services.AddStories();
        return services;
    }

    private static void AddFolderStorage(IServiceCollection services, string dataDirectory)
    {
        services.TryAddSingleton<IStateStore>(_ => new FolderStateStore(dataDirectory));
        services.TryAddSingleton<IAlertStore>(_ => new FolderAlertStore(dataDirectory));
        services.TryAddSingleton<IAlertQueue>(_ => new FolderAlertQueue(dataDirectory));
        services.TryAddSingleton<IScanRequestQueue>(_ => new FolderScanRequestQueue(dataDirectory));
        services.TryAddSingleton<IHostLeases>(_ => new FolderHostLeases(dataDirectory));
        services.TryAddSingleton<IArticleArchive>(sp => new FolderArticleArchive(dataDirectory, sp.GetRequiredService<TimeProvider>()));
    }

    private static void AddAzureStorage(IServiceCollection services, StorageOptions storage)
    {
        var connection = storage.EffectiveConnectionString;
        TokenCredential? credential = connection is null ? new DefaultAzureCredential() : null;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };

        services.TryAddSingleton(_ => connection is not null
            ? new BlobServiceClient(connection)
            : new BlobServiceClient(new Uri($"https://{storage.AccountName}.blob.core.windows.net"), credential));
        services.TryAddSingleton(_ => connection is not null
            ? new QueueServiceClient(connection, queueOptions)
            : new QueueServiceClient(new Uri($"https://{storage.AccountName}.queue.core.windows.net"), credential, queueOptions));
        services.TryAddSingleton(_ => connection is not null
            ? new TableServiceClient(connection)
            : new TableServiceClient(new Uri($"https://{storage.AccountName}.table.core.windows.net"), credential));

        services.TryAddSingleton<IStateStore>(sp => new TableStateStore(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.StateTable)));
        services.TryAddSingleton<IAlertStore>(sp => new BlobAlertStore(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageNames.AlertsContainer)));
        services.TryAddSingleton<IAlertQueue>(sp =>
        {
            var queues = sp.GetRequiredService<QueueServiceClient>();
            return new StorageQueueAlertQueue(
                queues.GetQueueClient(StorageNames.AlertsQueue),
                queues.GetQueueClient(StorageNames.Poison(StorageNames.AlertsQueue)));
        });
        services.TryAddSingleton<IScanRequestQueue>(sp => new StorageQueueScanRequestQueue(
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.ScanRequestsQueue)));
        services.TryAddSingleton<IHostLeases>(sp => new BlobHostLeases(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobHostLeases.ContainerName),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BlobHostLeases>>()));
        services.TryAddSingleton<IArticleArchive>(sp => new BlobArticleArchive(
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(ArticleArchive.Container), sp.GetRequiredService<TimeProvider>()));
    }
}

using Microsoft.Extensions.Configuration;

namespace NewsWatch.Core.State;

/// <summary>
/// Where NewsWatch keeps alerts, queues and state. Flat setting names, so that they read the same as environment
/// variables and app settings on every host.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>
    /// <c>NEWSWATCH_STORAGE</c>: an Azure Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite).
    /// Default: none, then <c>AzureWebJobsStorage</c>, then the local folder.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_STORAGE")]
    public string? ConnectionString { get; set; }

    /// <summary><c>AzureWebJobsStorage</c>: the Functions host's storage connection string, used when NEWSWATCH_STORAGE is unset.</summary>
    [ConfigurationKeyName("AzureWebJobsStorage")]
    public string? WebJobsConnectionString { get; set; }

    /// <summary>
    /// <c>AzureWebJobsStorage__accountName</c>: the storage account for identity-based access (managed identity,
    /// shared keys off). Used when no connection string is set.
    /// </summary>
    public string? AccountName { get; set; }

    /// <summary><c>NEWSWATCH_DATA_DIR</c>: the local folder used when no storage account is set. Default <c>./.newswatch</c>.</summary>
    [ConfigurationKeyName("NEWSWATCH_DATA_DIR")]
    public string DataDirectory { get; set; } = ".newswatch";

    /// <summary>The connection string in force, or null for identity or local storage.</summary>
    public string? EffectiveConnectionString =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : !string.IsNullOrWhiteSpace(WebJobsConnectionString) ? WebJobsConnectionString
        : null;

    /// <summary>True when an Azure Storage account (or Azurite) is configured.</summary>
    public bool UsesAzureStorage => EffectiveConnectionString is not null || !string.IsNullOrWhiteSpace(AccountName);

    /// <summary>Reads the options from configuration (flat keys; <c>AzureWebJobsStorage:accountName</c> for identity).</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.Bind(options);
        options.AccountName ??= configuration["AzureWebJobsStorage:accountName"];
        return options;
    }
}

namespace NewsWatch.Core.State;

/// <summary>Container, queue and table names fixed by the storage contract (architecture.md).</summary>
public static class StorageNames
{
    /// <summary>Blob container of alert JSON.</summary>
    public const string AlertsContainer = "alerts";

    /// <summary>Blob container of the config; the blob is <see cref="ConfigBlob"/>.</summary>
    public const string ConfigContainer = "config";

    /// <summary>The config blob's name inside <see cref="ConfigContainer"/>.</summary>
    public const string ConfigBlob = "newswatch.json";

    /// <summary>Queue of alert messages.</summary>
    public const string AlertsQueue = "alerts";

    /// <summary>Queue of scan requests.</summary>
    public const string ScanRequestsQueue = "scan-requests";

    /// <summary>Table of state records.</summary>
    public const string StateTable = "newswatchstate";

    /// <summary>The poison queue the Functions host uses for a queue.</summary>
    public static string Poison(string queue) => queue + "-poison";
}

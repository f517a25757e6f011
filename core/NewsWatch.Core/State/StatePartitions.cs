namespace NewsWatch.Core.State;

/// <summary>The partitions of <see cref="IStateStore"/>: one name per kind of record.</summary>
public static class StatePartitions
{
    /// <summary>What the scans know of each article URL of one host (<see cref="ArticleRecord"/>): <c>articles-{host}</c>, key the URL.</summary>
    public static string Articles(string host) => "articles-" + host;

    /// <summary>HTTP validators (ETag, Last-Modified) per URL.</summary>
    public const string Validators = "validators";

    /// <summary>Source health (outcome, consecutive failures, next attempt), key the source id.</summary>
    public const string Health = "health";

    /// <summary>Alert ledger: blob name and queue state per alert id.</summary>
    public const string Alerts = "alerts";

    /// <summary>Delivery ledger: <c>sending</c>/<c>sent</c>/<c>failed</c> per alert id and recipient.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Story index: <c>url:{canonicalUrl}</c> → story and fingerprint, <c>key:{hash}</c> → the recent articles filed under an index key.</summary>
    public const string Stories = "stories";

    /// <summary>robots.txt per origin (<c>https://host:port</c>): content, status, expiry; shared by every instance.</summary>
    public const string Robots = "robots";
}

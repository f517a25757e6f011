using System.Net;

namespace NewsWatch.Core.Fetching;

/// <summary>
/// Whether outbound HTTP may reach private networks. Read from the flat settings
/// <c>NEWSWATCH_ALLOW_PRIVATE_NETWORKS</c> (true/false) and <c>NEWSWATCH_ALLOWED_PRIVATE_NETWORKS</c> (comma-separated
/// CIDR ranges allowed even when the first is false, e.g. an intranet's <c>10.20.0.0/16</c>).
/// </summary>
public sealed class PrivateNetworkOptions
{
    /// <summary>The setting that allows every private address.</summary>
    public const string AllowSetting = "NEWSWATCH_ALLOW_PRIVATE_NETWORKS";

    /// <summary>The setting that allows some private ranges.</summary>
    public const string AllowedNetworksSetting = "NEWSWATCH_ALLOWED_PRIVATE_NETWORKS";

    /// <summary>
    /// True lets fetches reach loopback, private, link-local, CGNAT and unspecified addresses. Default false (the function
    /// app); the CLI defaults the setting to true, since it runs as its user and local sites live there.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Private ranges allowed even when <see cref="AllowPrivateNetworks"/> is false.</summary>
    public IList<IPNetwork> AllowedNetworks { get; } = [];
}

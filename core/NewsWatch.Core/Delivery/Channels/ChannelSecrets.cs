using Microsoft.Extensions.Configuration;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>Reads the webhook secrets named by a channel's <c>secretSetting</c> from the app settings (Key Vault references in Azure).</summary>
public sealed class ChannelSecrets
{
    private readonly IConfiguration _configuration;

    public ChannelSecrets(IConfiguration configuration) => _configuration = configuration;

    /// <summary>The value of <paramref name="settingName"/>, or null when it is unset or empty.</summary>
    public string? Get(string settingName) =>
        _configuration[settingName] is { Length: > 0 } value ? value : null;
}

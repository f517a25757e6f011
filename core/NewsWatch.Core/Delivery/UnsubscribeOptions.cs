using Microsoft.Extensions.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// One-click unsubscribe (RFC 8058). With both settings, every email carries <c>List-Unsubscribe</c> and
/// <c>List-Unsubscribe-Post</c> headers pointing at the function app's <c>Unsubscribe</c> function; without them (the
/// CLI on a laptop) emails go without.
/// </summary>
public sealed class UnsubscribeOptions
{
    /// <summary><c>NEWSWATCH_PUBLIC_URL</c>: the function app's public address, e.g. <c>https://newswatch-func.azurewebsites.net</c>. Default: none.</summary>
    [ConfigurationKeyName("NEWSWATCH_PUBLIC_URL")]
    public string? PublicUrl { get; set; }

    /// <summary>
    /// <c>NEWSWATCH_UNSUBSCRIBE_KEY</c>: the HMAC key of the unsubscribe tokens (Key Vault in Azure; at least 16
    /// characters). Tokens do not expire; rotating the key voids them. Default: none.
    /// </summary>
    [ConfigurationKeyName("NEWSWATCH_UNSUBSCRIBE_KEY")]
    public string? Key { get; set; }
}

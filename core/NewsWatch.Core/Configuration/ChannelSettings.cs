namespace NewsWatch.Core.Configuration;

/// <summary>One of a subscriber's <c>channels</c>: <c>{"type": "email"}</c>, or a webhook, Teams or Slack URL.</summary>
/// <param name="Type">The kind of channel.</param>
/// <param name="Url">The URL to POST to (not for email).</param>
/// <param name="SecretSetting">For a webhook: the name of the setting that holds the HMAC key, or null (unsigned).</param>
public sealed record ChannelSettings(ChannelType Type, Uri? Url, string? SecretSetting)
{
    /// <summary>The default channel: email to the subscriber's address.</summary>
    public static ChannelSettings Email { get; } = new(ChannelType.Email, null, null);

    /// <summary>A stable key for the delivery ledger: <c>email</c>, or the type and a hash of the URL.</summary>
    public string LedgerKey => Type == ChannelType.Email
        ? "email"
        : Type.ToString().ToLowerInvariant() + ":" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Url!.AbsoluteUri)).AsSpan(0, 8));
}

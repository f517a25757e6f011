using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Unsubscribe tokens: <c>base64url(address, lower-case)</c> <c>.</c> <c>base64url(HMAC-SHA256(key, "unsubscribe\n" + address))</c>.
/// A token names the address it opts out; only the holder of <c>NEWSWATCH_UNSUBSCRIBE_KEY</c> can make one.
/// </summary>
public sealed class UnsubscribeTokens
{
    /// <summary>The function's route below <c>/api/</c>.</summary>
    public const string Route = "unsubscribe";

    private readonly byte[]? _key;
    private readonly Uri? _publicUrl;

    public UnsubscribeTokens(IOptions<UnsubscribeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _key = string.IsNullOrEmpty(value.Key) ? null : Encoding.UTF8.GetBytes(value.Key);
        _publicUrl = Uri.TryCreate(value.PublicUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
    }

    /// <summary>True when tokens can be made and checked (the key is set).</summary>
    public bool HasKey => _key is not null;

    /// <summary>The token for <paramref name="address"/>; throws when no key is set.</summary>
    public string Create(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = _key ?? throw new InvalidOperationException("NEWSWATCH_UNSUBSCRIBE_KEY is not set.");
        var normalized = address.Trim().ToLowerInvariant();
        return Base64Url(Encoding.UTF8.GetBytes(normalized)) + "." + Base64Url(Sign(key, normalized));
    }

    /// <summary>The address a genuine token names, or null for a forged, altered or malformed one (or no key).</summary>
    public string? Validate(string? token)
    {
        if (_key is null || string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryDecode(token[..dot], out var addressBytes) || !TryDecode(token[(dot + 1)..], out var signature))
        {
            return null;
        }

        string address;
        try
        {
            address = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(addressBytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(signature, Sign(_key, address)) ? address : null;
    }

    /// <summary>The one-click URL for <paramref name="address"/> (<c>{public}/api/unsubscribe?token=...</c>), or null without both settings.</summary>
    public Uri? UrlFor(string address)
    {
        if (_publicUrl is null || _key is null)
        {
            return null;
        }

        return new Uri(_publicUrl, "/api/" + Route + "?token=" + Create(address));
    }

    private static byte[] Sign(byte[] key, string address) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("unsubscribe\n" + address));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

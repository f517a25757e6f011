using System.Security.Cryptography;
using System.Text;

namespace NewsWatch.Core.Delivery.Channels;

/// <summary>
/// The webhook signature: header <see cref="HeaderName"/> with <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the
/// exact body bytes, keyed with the UTF-8 bytes of the secret. A receiver recomputes it over the raw body and compares
/// in constant time (<see cref="Verify"/>).
/// </summary>
public static class ChannelSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "X-NewsWatch-Signature";

    /// <summary><c>sha256=</c> + hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="secret"/> (constant-time).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}

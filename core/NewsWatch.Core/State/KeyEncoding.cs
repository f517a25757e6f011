using System.Security.Cryptography;
using System.Text;

namespace NewsWatch.Core.State;

/// <summary>Maps any key to a name that is safe as a table row key or a file name, stably.</summary>
internal static class KeyEncoding
{
    /// <summary>Keeps short keys of [A-Za-z0-9._-] as they are; anything else becomes its SHA-256 hex.</summary>
    public static string Safe(string key)
    {
        if (key.Length is > 0 and <= 120 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && key[0] != '.')
        {
            return key;
        }

        return "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>True when <paramref name="safe"/> is the hash form that <see cref="Safe"/> gives an unusual key.</summary>
    public static bool IsHashed(string safe) =>
        safe.Length == 65 && safe[0] == 'h' && safe.AsSpan(1).ContainsAnyExcept("0123456789abcdef") is false;
}

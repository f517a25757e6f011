using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsWatch.Core.Alerts;

/// <summary>Alert ids and blob names, derived so that a rerun or a redelivered message finds the same alert.</summary>
public static class AlertIds
{
    /// <summary>
    /// 16 lower-case hex digits: the first 8 bytes of SHA-256 over the rule id, a newline, and the canonical article URL.
    /// </summary>
    public static string Compute(string ruleId, Uri canonicalArticleUrl)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(canonicalArticleUrl);
        return Hash(ruleId + "\n" + canonicalArticleUrl.AbsoluteUri);
    }

    /// <summary>
    /// The id of a live-blog entry's alert: the first 8 bytes (hex) of SHA-256 over the rule id, a newline, the canonical
    /// page URL, a newline, and the entry id.
    /// </summary>
    public static string Compute(string ruleId, Uri canonicalArticleUrl, string entryId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(canonicalArticleUrl);
        ArgumentNullException.ThrowIfNull(entryId);
        return Hash(ruleId + "\n" + canonicalArticleUrl.AbsoluteUri + "\n" + entryId);
    }

    private static string Hash(string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The blob name <c>{yyyy}/{MM}/{dd}/{alertId}.json</c> for a detection time (its UTC date).</summary>
    public static string BlobName(string alertId, DateTimeOffset detectedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{detectedAt.UtcDateTime:yyyy'/'MM'/'dd}/{alertId}.json");
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.Archive;

/// <summary>Names and format shared by the archive stores: <c>{yyyy}/{MM}/{dd}/{HH}/{sha256(url)[..16]}.json</c> by archive hour (UTC).</summary>
public static class ArticleArchive
{
    /// <summary>The blob container (and local folder) of archived articles.</summary>
    public const string Container = "articles";

    /// <summary>How long an article's text is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    private static readonly JsonTypeInfo<ArchivedArticle> Json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ContractJsonContext.Default,
    }.TypeInfo<ArchivedArticle>();

    /// <summary>The name of <paramref name="article"/>'s entry.</summary>
    public static string NameOf(ArchivedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(article.Url.AbsoluteUri)))[..16];
        return $"{HourPrefix(article.ArchivedAt)}{hash}.json";
    }

    /// <summary>The name prefix of the hour that holds <paramref name="time"/>: <c>yyyy/MM/dd/HH/</c>.</summary>
    public static string HourPrefix(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy'/'MM'/'dd'/'HH'/'", CultureInfo.InvariantCulture);

    /// <summary>The start of the hour an entry name belongs to, or null for a name the archive did not write.</summary>
    public static DateTimeOffset? HourOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 14 && DateTimeOffset.TryParseExact(name[..13], "yyyy'/'MM'/'dd'/'HH", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour) ? hour : null;
    }

    /// <summary>The hour prefixes from the hour of <paramref name="since"/> through the hour of <paramref name="until"/>.</summary>
    public static IEnumerable<string> HourPrefixes(DateTimeOffset since, DateTimeOffset until)
    {
        var hour = new DateTimeOffset(since.UtcDateTime.Year, since.UtcDateTime.Month, since.UtcDateTime.Day, since.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        for (; hour <= until; hour = hour.AddHours(1))
        {
            yield return HourPrefix(hour);
        }
    }

    /// <summary>Serialises an entry.</summary>
    public static string Serialize(ArchivedArticle article) => JsonSerializer.Serialize(article, Json);

    /// <summary>Reads an entry; null when it is not one.</summary>
    public static ArchivedArticle? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

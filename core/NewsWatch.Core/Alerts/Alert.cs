using System.Text.Json.Serialization;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// One alert: one article (or one live-blog entry) matched one rule. Schema version 2 of the storage contract (the
/// README's "What an alert is"); serialised by <see cref="AlertJson"/> with camelCase names and UTC ISO 8601 times.
/// Version 1 blobs (no <c>kind</c>, entry or story fields) read as articles with those fields null.
/// </summary>
public sealed record Alert(
    [property: JsonPropertyOrder(0)] string Id,
    [property: JsonPropertyOrder(1)] int SchemaVersion,
    [property: JsonPropertyOrder(3)] string RuleId,
    [property: JsonPropertyOrder(4)] string RuleQuery,
    [property: JsonPropertyOrder(5)] string SourceId,
    [property: JsonPropertyOrder(6)] string ArticleUrl,
    [property: JsonPropertyOrder(11)] string? Title,
    [property: JsonPropertyOrder(12)] DateTimeOffset? PublishedAt,
    [property: JsonPropertyOrder(13)] DateTimeOffset DetectedAt,
    [property: JsonPropertyOrder(14)] string? Language,
    [property: JsonPropertyOrder(15)] IReadOnlyList<TermMatch> Matches,
    [property: JsonPropertyOrder(16)] IReadOnlyList<Snippet> Snippets)
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary><see cref="AlertKinds.Article"/> (a whole page) or <see cref="AlertKinds.LiveBlogEntry"/> (one entry of a live blog).</summary>
    /// <remarks>A missing or null value is read as an article (version 1 alerts have none): source-generated JSON
    /// metadata assigns every init property, missing ones as null, so the default is kept here, not by an initializer.</remarks>
    [JsonPropertyOrder(2)]
    public string Kind { get => _kind; init => _kind = value ?? AlertKinds.Article; }

    private readonly string _kind = AlertKinds.Article;

    /// <summary>For an entry: its own id or anchor when it has one, else a hash of its time and text; null for an article.</summary>
    [JsonPropertyOrder(7)]
    public string? EntryId { get; init; }

    /// <summary>For an entry: the fragment that links to it on the page (<c>articleUrl#entryAnchor</c>), when it has one.</summary>
    [JsonPropertyOrder(8)]
    public string? EntryAnchor { get; init; }

    /// <summary>For an entry: when it was posted, when the page says.</summary>
    [JsonPropertyOrder(9)]
    public DateTimeOffset? EntryTime { get; init; }

    /// <summary>The story this alert belongs to (alerts on copies of one story share it); null until stories assign one.</summary>
    [JsonPropertyOrder(10)]
    public string? StoryId { get; init; }

    /// <summary>True for a live-blog entry.</summary>
    [JsonIgnore]
    public bool IsEntry => Kind == AlertKinds.LiveBlogEntry;

    /// <summary>The link to show: the article URL, with <c>#entryAnchor</c> for an entry that has one.</summary>
    [JsonIgnore]
    public string Link => IsEntry && !string.IsNullOrEmpty(EntryAnchor) && !ArticleUrl.Contains('#', StringComparison.Ordinal)
        ? ArticleUrl + "#" + Uri.EscapeDataString(EntryAnchor)
        : ArticleUrl;
}

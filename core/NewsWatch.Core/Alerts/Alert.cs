using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Alerts;

/// <summary>
/// One alert: one article matched one rule. Schema version 1 of the storage contract (architecture.md); serialised by
/// <see cref="AlertJson"/> with camelCase names and UTC ISO 8601 times.
/// </summary>
public sealed record Alert(
    string Id,
    int SchemaVersion,
    string RuleId,
    string RuleQuery,
    string SourceId,
    string ArticleUrl,
    string? Title,
    DateTimeOffset? PublishedAt,
    DateTimeOffset DetectedAt,
    string? Language,
    IReadOnlyList<TermMatch> Matches,
    IReadOnlyList<Snippet> Snippets)
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;
}

using NewsWatch.Core.Alerts;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Scanning;

/// <summary>Builds the alerts a scan writes: one per article and rule, or one per live-blog entry and rule.</summary>
internal static class ScanAlerts
{
    /// <summary>The alert of a rule that matched an article.</summary>
    public static Alert ForArticle(
        RuleMatch match, string sourceId, Uri articleUrl, string? title, DateTimeOffset? publishedAt, DateTimeOffset detectedAt, string? language,
        string? storyId) =>
        new(
            AlertIds.Compute(match.RuleId, articleUrl),
            Alert.CurrentSchemaVersion,
            match.RuleId,
            match.Query,
            sourceId,
            articleUrl.AbsoluteUri,
            title,
            publishedAt,
            detectedAt,
            language,
            match.Terms,
            match.Snippets)
        {
            Kind = AlertKinds.Article,
            StoryId = storyId,
        };

    /// <summary>The alert of a rule that matched one live-blog entry (its page's URL, and the entry's id, anchor and time).</summary>
    public static Alert ForEntry(
        RuleMatch match, string sourceId, Uri articleUrl, string? title, DateTimeOffset? publishedAt, DateTimeOffset detectedAt, string? language,
        LiveBlogEntry entry, DateTimeOffset? entryTime) =>
        ForArticle(match, sourceId, articleUrl, title, publishedAt, detectedAt, language, storyId: null) with
        {
            Id = AlertIds.Compute(match.RuleId, articleUrl, entry.EntryId),
            Kind = AlertKinds.LiveBlogEntry,
            EntryId = entry.EntryId,
            EntryAnchor = entry.Anchor,
            EntryTime = entryTime,
        };
}

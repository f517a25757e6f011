namespace NewsWatch.Core.Archive;

/// <summary>The text of one scanned article, kept for <see cref="ArticleArchive.Retention"/> so that new rules can see it.</summary>
/// <param name="SourceId">The source it was found on.</param>
/// <param name="Url">Its canonical URL.</param>
/// <param name="Title">Its title, if any.</param>
/// <param name="Text">Its text as extracted (the field offsets of matches refer to it).</param>
/// <param name="PublishedAt">Its published time, if known.</param>
/// <param name="ArchivedAt">When it was archived (the scan time).</param>
public sealed record ArchivedArticle(string SourceId, Uri Url, string? Title, string Text, DateTimeOffset? PublishedAt, DateTimeOffset ArchivedAt)
{
    /// <summary>The time the backfill window is measured against: the published time, else the archive time.</summary>
    public DateTimeOffset EffectiveTime => PublishedAt ?? ArchivedAt;
}

namespace NewsWatch.Core.Archive;

/// <summary>Article texts of the last <see cref="ArticleArchive.Retention"/>: blob container <c>articles</c>, or the local folder's <c>articles/</c>.</summary>
public interface IArticleArchive
{
    /// <summary>Keeps <paramref name="article"/> (one entry per URL and hour; a later put of the same one replaces it).</summary>
    Task PutAsync(ArchivedArticle article, CancellationToken cancellationToken);

    /// <summary>The articles archived at or after <paramref name="since"/>, oldest hour first.</summary>
    IAsyncEnumerable<ArchivedArticle> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Deletes the articles archived before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);
}

namespace NewsWatch.Core.Stories;

/// <summary>
/// Groups articles that tell the same story (the same wire copy on several sites, a story republished with a new
/// headline and a paragraph more or less) under one story id, shared by every instance through the state store.
/// </summary>
public interface IStoryIndex
{
    /// <summary>
    /// The story of the article at <paramref name="canonicalUrl"/> with body <paramref name="text"/>, seen at
    /// <paramref name="at"/>: the id of a story first seen at most 48 hours earlier that has an article telling the same
    /// story (<see cref="StorySimilarity"/>), else a new id (16 hex chars from the article's URL). The same URL always
    /// gets the id it got the first time.
    /// </summary>
    Task<string> AssignAsync(Uri canonicalUrl, string text, DateTimeOffset at, CancellationToken cancellationToken);
}

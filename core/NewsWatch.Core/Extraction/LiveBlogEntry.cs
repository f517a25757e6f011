namespace NewsWatch.Core.Extraction;

/// <summary>One entry of a live blog.</summary>
/// <param name="EntryId">The entry's own id or anchor when it has one, else a stable hash (hex) of its time and text.</param>
/// <param name="Anchor">The element id to link to (<c>url#anchor</c>), or null when the entry has none.</param>
/// <param name="Time">When the entry was posted, in UTC, or null.</param>
/// <param name="Title">The entry's own heading, or null.</param>
/// <param name="Text">The entry's text, paragraphs separated by blank lines; without its title and time.</param>
public sealed record LiveBlogEntry(string EntryId, string? Anchor, DateTimeOffset? Time, string? Title, string Text);

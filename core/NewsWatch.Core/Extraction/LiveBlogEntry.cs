namespace NewsWatch.Core.Extraction;

/// <summary>One entry of a live blog.</summary>
/// <param name="EntryId">The entry's own id or anchor when it has one, else a stable hash of its time and text.</param>
/// <param name="Anchor">The element id to link to (<c>url#anchor</c>), or null.</param>
/// <param name="Time">When the entry was posted, if the page says.</param>
/// <param name="Title">The entry's own heading, if any.</param>
/// <param name="Text">The entry's text.</param>
public sealed record LiveBlogEntry(string EntryId, string? Anchor, DateTimeOffset? Time, string? Title, string Text);

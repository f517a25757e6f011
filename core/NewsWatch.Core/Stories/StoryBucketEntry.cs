namespace NewsWatch.Core.Stories;

/// <summary>One article under an index key: its URL, its story, when it was seen and when its story was first seen.</summary>
internal sealed record StoryBucketEntry(string Url, string StoryId, DateTimeOffset At, DateTimeOffset StoryAt);

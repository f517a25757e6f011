namespace NewsWatch.Core.Stories;

/// <summary>
/// What the story index keeps per article URL (key <c>url:{canonicalUrl}</c>): its story, when it was seen, when its
/// story was first seen, and its fingerprint (word and shingle counts, the sketch as Base64 of little-endian hashes).
/// </summary>
internal sealed record StoryArticleRecord(string StoryId, DateTimeOffset At, DateTimeOffset StoryAt, int Words, int Shingles, string Sketch);

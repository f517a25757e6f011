namespace NewsWatch.Core.Stories;

/// <summary>The articles filed under one index key (key <c>key:{hash}</c>), newest last, at most <see cref="StoryIndex.BucketCapacity"/>.</summary>
internal sealed record StoryBucket(IReadOnlyList<StoryBucketEntry> Entries);

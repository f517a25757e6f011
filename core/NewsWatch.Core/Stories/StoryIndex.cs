using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Stories;

/// <summary>
/// <see cref="IStoryIndex"/> over <see cref="IStateStore"/> (partition <see cref="StatePartitions.Stories"/>), so every
/// instance shares it. Per article URL it keeps the story and the fingerprint (<c>url:{canonicalUrl}</c>); per index
/// key of the fingerprint (<see cref="StoryFingerprint.IndexKeys"/>) a bucket of the recent articles filed under it
/// (<c>key:{hash}</c>). An assignment costs a bounded number of storage calls, in five concurrent rounds: read the
/// URL's record (an article seen before returns its story at once); read the buckets of its keys (at most 20); read the
/// records of the best candidates (at most <see cref="MaxCandidates"/>, ranked by shared keys); insert the URL's record
/// if absent; rewrite its buckets, as one batch (<see cref="IStateStore.SetManyAsync"/>: one entity group transaction
/// on Table storage). At most 27 calls; before the batch, 46.
/// <para>
/// Time: a story stays open for <see cref="Window"/> after its first article; bucket entries of closed stories are
/// ignored and dropped when their bucket is next written, and a bucket keeps the newest <see cref="BucketCapacity"/>.
/// URL records are kept (they make the assignment idempotent).
/// </para>
/// <para>
/// Concurrency: the URL record is inserted only if absent, so two instances assigning the same URL at once agree on
/// one story. Two instances assigning two copies of one story at the same moment may each miss the other and open two
/// stories (each then gets its own first alert); and a bucket is read, changed and written back without a condition,
/// so one of two concurrent writers may drop the other's entry from that bucket (the article stays filed under its
/// other keys). Both cost at most a duplicate alert, never a lost one, and are accepted for the storage calls they save.
/// The batch is atomic: an article is filed under all its keys or none.
/// A crash between the record and the buckets leaves the article unfiled: later copies start or join another story.
/// </para>
/// </summary>
public sealed partial class StoryIndex : IStoryIndex
{
    /// <summary>How long a story stays open to new articles after its first one.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>The most articles a bucket keeps.</summary>
    public const int BucketCapacity = 8;

    /// <summary>The most candidate articles whose fingerprints are read per assignment.</summary>
    public const int MaxCandidates = 4;

    private readonly IStateStore _state;
    private readonly ILogger<StoryIndex> _logger;

    /// <summary>Uses <paramref name="state"/> for the index.</summary>
    public StoryIndex(IStateStore state, ILogger<StoryIndex> logger)
    {
        _state = state;
        _logger = logger;
    }

    /// <summary>The id of a story whose first article is <paramref name="url"/>: the first 8 bytes (hex) of SHA-256 over <c>"story\n" + url</c>.</summary>
    public static string NewStoryId(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("story\n" + url)).AsSpan(0, 8));
    }

    /// <inheritdoc />
    public async Task<string> AssignAsync(Uri canonicalUrl, string text, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        ArgumentNullException.ThrowIfNull(text);
        var url = canonicalUrl.AbsoluteUri;
        var urlKey = UrlKey(url);
        var known = await _state.GetJsonAsync<StoryArticleRecord>(StatePartitions.Stories, urlKey, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            return known.StoryId;
        }

        var print = StoryFingerprint.Compute(text);
        var keys = print.Words >= StorySimilarity.MinWords ? print.IndexKeys.Select(BucketKey).ToArray() : [];
        var buckets = await Task.WhenAll(keys.Select(k =>
            _state.GetJsonOrAbsentAsync<StoryBucket>(StatePartitions.Stories, k, cancellationToken))).ConfigureAwait(false);

        var match = await FindAsync(print, url, at, buckets, cancellationToken).ConfigureAwait(false);
        var storyId = match?.Record.StoryId ?? NewStoryId(url);
        var storyAt = match?.Record.StoryAt ?? at;
        var record = new StoryArticleRecord(storyId, at, storyAt, print.Words, print.Shingles, Convert.ToBase64String(print.SketchBytes()));
        if (!await _state.TryAddJsonAsync(StatePartitions.Stories, urlKey, record, cancellationToken).ConfigureAwait(false))
        {
            // Another instance assigned this URL meanwhile: its answer stands.
            var stored = await _state.GetJsonAsync<StoryArticleRecord>(StatePartitions.Stories, urlKey, cancellationToken).ConfigureAwait(false);
            return stored?.StoryId ?? storyId;
        }

        var entry = new StoryBucketEntry(url, storyId, at, storyAt);
        await _state.SetManyJsonAsync(
            StatePartitions.Stories, keys.Select((k, i) => KeyValuePair.Create(k, Filed(buckets[i], entry, at))), cancellationToken).ConfigureAwait(false);

        if (match is { } m)
        {
            LogJoined(url, storyId, m.Url, m.Score);
        }
        else
        {
            LogOpened(url, storyId, print.Words);
        }

        return storyId;
    }

    private async Task<(string Url, StoryArticleRecord Record, double Score)?> FindAsync(
        StoryFingerprint print, string url, DateTimeOffset at, StoryBucket?[] buckets, CancellationToken cancellationToken)
    {
        var openSince = at - Window;
        var candidates = buckets
            .SelectMany(b => b?.Entries ?? [])
            .Where(e => e.StoryAt >= openSince && !string.Equals(e.Url, url, StringComparison.Ordinal))
            .GroupBy(e => e.Url, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(e => e.At))
            .Take(MaxCandidates)
            .Select(g => g.Key)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var records = await Task.WhenAll(candidates.Select(c =>
            _state.GetJsonOrAbsentAsync<StoryArticleRecord>(StatePartitions.Stories, UrlKey(c), cancellationToken))).ConfigureAwait(false);
        (string Url, StoryArticleRecord Record, double Score)? best = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (records[i] is not { } record || record.StoryAt < openSince)
            {
                continue;
            }

            var other = StoryFingerprint.FromStored(record.Words, record.Shingles, Convert.FromBase64String(record.Sketch));
            if (StorySimilarity.IsSameStory(print, other))
            {
                var score = StorySimilarity.Score(print, other);
                if (best is null || score > best.Value.Score)
                {
                    best = (candidates[i], record, score);
                }
            }
        }

        return best;
    }

    private static StoryBucket Filed(StoryBucket? bucket, StoryBucketEntry entry, DateTimeOffset at)
    {
        var openSince = at - Window;
        var entries = (bucket?.Entries ?? [])
            .Where(e => e.StoryAt >= openSince && !string.Equals(e.Url, entry.Url, StringComparison.Ordinal))
            .Append(entry)
            .OrderBy(e => e.At)
            .ToList();
        return new StoryBucket(entries.Count > BucketCapacity ? entries[^BucketCapacity..] : entries);
    }

    private static string UrlKey(string url) => "url:" + url;

    private static string BucketKey(ulong hash) => "key:" + hash.ToString("x16", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleUrl} joined story {StoryId} (like {SimilarUrl}, score {Score:F2})")]
    private partial void LogJoined(string articleUrl, string storyId, string similarUrl, double score);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleUrl} opened story {StoryId} ({Words} words)")]
    private partial void LogOpened(string articleUrl, string storyId, int words);
}

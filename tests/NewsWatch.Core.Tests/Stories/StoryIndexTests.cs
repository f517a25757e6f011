using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using NewsWatch.Core.State;
using NewsWatch.Core.Stories;

namespace NewsWatch.Core.Tests.Stories;

public sealed class StoryIndexTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("nw-stories-").FullName;
    private readonly string[] _topic = StoryTexts.Topic(7);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AssignAsync_FirstArticle_OpensStoryNamedAfterItsUrl()
    {
        var index = Index();

        var id = await index.AssignAsync(Url("a"), Body(1), T0, CancellationToken.None);

        Assert.Equal(StoryIndex.NewStoryId(Url("a").AbsoluteUri), id);
        Assert.Matches("^[0-9a-f]{16}$", id);
    }

    [Fact]
    public async Task AssignAsync_SameUrlAgainWithOtherText_KeepsItsStory()
    {
        var index = Index();
        var first = await index.AssignAsync(Url("a"), Body(1), T0, CancellationToken.None);
        await index.AssignAsync(Url("b"), Body(2), T0, CancellationToken.None);

        var again = await Index().AssignAsync(Url("a"), Body(2), T0.AddDays(5), CancellationToken.None);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task AssignAsync_SyndicatedCopiesOnOtherSites_JoinTheFirstStory()
    {
        var story = StoryTexts.Story(_topic, 1);
        var first = await Index().AssignAsync(Url("a"), StoryTexts.Join(story), T0, CancellationToken.None);

        var copy = await Index().AssignAsync(new Uri("https://other.example.net/2026/copy"),
            StoryTexts.WithTemplate(StoryTexts.WithHeadline(story, "Another headline"), 2), T0.AddHours(3), CancellationToken.None);
        var teaser = await Index().AssignAsync(new Uri("https://third.example.com/brief"), StoryTexts.Teaser(story, 2), T0.AddHours(47), CancellationToken.None);

        Assert.Equal(first, copy);
        Assert.Equal(first, teaser);
    }

    [Fact]
    public async Task AssignAsync_TeaserFirstThenFullStory_JoinsTheTeaser()
    {
        var story = StoryTexts.Story(_topic, 3, paragraphs: 10);
        var teaser = await Index().AssignAsync(Url("teaser"), StoryTexts.Teaser(story, 3), T0, CancellationToken.None);

        var full = await Index().AssignAsync(Url("full"), StoryTexts.Join(story), T0.AddHours(1), CancellationToken.None);

        Assert.Equal(teaser, full);
    }

    [Fact]
    public async Task AssignAsync_CopyAfterTheWindow_OpensANewStory()
    {
        var story = StoryTexts.Story(_topic, 4);
        var first = await Index().AssignAsync(Url("a"), StoryTexts.Join(story), T0, CancellationToken.None);

        var late = await Index().AssignAsync(Url("b"), StoryTexts.Join(story), T0 + StoryIndex.Window + TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.NotEqual(first, late);
        Assert.Equal(StoryIndex.NewStoryId(Url("b").AbsoluteUri), late);
    }

    [Fact]
    public async Task AssignAsync_DifferentStoriesOnOneTopic_StayApart()
    {
        var index = Index();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await index.AssignAsync(Url("s" + i), StoryTexts.WithTemplate(Body(10 + i), 0), T0.AddMinutes(i), CancellationToken.None));
        }

        Assert.Equal(6, ids.Distinct().Count());
    }

    [Fact]
    public async Task AssignAsync_ShortText_IsItsOwnStory()
    {
        const string brief = "Police closed the bridge road on Monday after a crash.";
        var first = await Index().AssignAsync(Url("a"), brief, T0, CancellationToken.None);

        var second = await Index().AssignAsync(Url("b"), brief, T0, CancellationToken.None);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task AssignAsync_SameUrlConcurrently_OneStory()
    {
        var bodies = Enumerable.Range(0, 8).Select(i => Body(20 + i)).ToList();

        var ids = await Task.WhenAll(bodies.Select(b => Task.Run(() => Index().AssignAsync(Url("same"), b, T0, CancellationToken.None))));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task AssignAsync_ManyArticles_BoundedStorageCallsEach()
    {
        var counting = CountingStateStore.Over(new FolderStateStore(_dir));
        var index = new StoryIndex(counting.Store, NullLogger<StoryIndex>.Instance);
        var max = 0;
        for (var i = 0; i < 30; i++)
        {
            var story = StoryTexts.Story(_topic, 100 + (i / 3), paragraphs: 6);
            counting.Calls = 0;
            await index.AssignAsync(Url("m" + i), StoryTexts.WithTemplate(StoryTexts.Join(story), i), T0.AddMinutes(i), CancellationToken.None);
            max = Math.Max(max, counting.Calls);
        }

        // The URL's record, one read per index key, the candidates' records, the insert, and the buckets in one batch.
        var bound = 1 + StoryFingerprint.BodyKeys + StoryFingerprint.LeadKeys + StoryIndex.MaxCandidates + 1 + 1;
        Assert.InRange(max, 3, bound);
    }

    [Fact]
    public async Task AssignAsync_OldBucketEntries_AreDroppedWhenTheBucketIsWritten()
    {
        var counting = CountingStateStore.Over(new FolderStateStore(_dir));
        var index = new StoryIndex(counting.Store, NullLogger<StoryIndex>.Instance);
        var story = StoryTexts.Join(StoryTexts.Story(_topic, 5));
        await index.AssignAsync(Url("old"), story, T0, CancellationToken.None);

        await index.AssignAsync(Url("new"), story, T0.AddDays(3), CancellationToken.None);

        var buckets = counting.Written.Where(k => k.StartsWith("key:", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(buckets);
        foreach (var key in buckets)
        {
            var json = await counting.Store.GetAsync(StatePartitions.Stories, key, CancellationToken.None);
            Assert.DoesNotContain("/old", json, StringComparison.Ordinal);
        }
    }

    private StoryIndex Index() => new(new FolderStateStore(_dir), NullLogger<StoryIndex>.Instance);

    private string Body(int seed) => StoryTexts.Join(StoryTexts.Story(_topic, seed));

    private static Uri Url(string name) => new("https://news.example.org/world/2026/11/25/" + name);

    /// <summary>
    /// Counts the calls made to a real store and which keys were written. A proxy rather than a class implementing the
    /// interface, so that it forwards whatever members <see cref="IStateStore"/> has.
    /// </summary>
    private class CountingStateStore : DispatchProxy
    {
        private IStateStore _inner = null!;
        private int _calls;

        public int Calls
        {
            get => Volatile.Read(ref _calls);
            set => Volatile.Write(ref _calls, value);
        }

        public List<string> Written { get; } = [];

        public IStateStore Store => (IStateStore)(object)this;

        public static CountingStateStore Over(IStateStore inner)
        {
            var proxy = (CountingStateStore)(object)Create<IStateStore, CountingStateStore>();
            proxy._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            Interlocked.Increment(ref _calls);
            if (targetMethod.Name == nameof(IStateStore.SetAsync) && args is [_, string key, ..])
            {
                lock (Written)
                {
                    Written.Add(key);
                }
            }
            else if (targetMethod.Name == nameof(IStateStore.SetManyAsync) && args is [_, IEnumerable<KeyValuePair<string, string>> records, ..])
            {
                lock (Written)
                {
                    Written.AddRange(records.Select(r => r.Key));
                }
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}

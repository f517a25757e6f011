using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Archive;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;
using NewsWatch.Core.Stories;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// Scans every source of one host together, as one polite visitor: the host's article records are read once, each
/// source's listing is read, and the pages to fetch are planned for the whole host, so a URL listed by two sources is
/// fetched once. A page is fetched when it is new, when a listing says it changed since it was fetched (an updated
/// article), or on every scan while it is a live blog. Only articles and live blogs are matched (a source may say
/// <c>"pageTypes": "any"</c>); a live blog is matched entry by entry. Alerts are idempotent by id, so a re-fetched page
/// alerts only for the rules, or the live-blog entries, that had not alerted on it before. Every exception of one page
/// is that page's failure, never the source's; a page is marked handled only after its alerts are stored.
/// </summary>
public sealed partial class HostScanner
{
    /// <summary>Live blogs are re-checked for at most this long after they were first seen.</summary>
    public static readonly TimeSpan LiveBlogMaxAge = TimeSpan.FromHours(48);

    /// <summary>A live blog that has not changed for this long is no longer re-checked.</summary>
    public static readonly TimeSpan LiveBlogQuietAfter = TimeSpan.FromHours(24);

    private const int MaxPrunesPerScan = 500;

    private readonly IPageFetcher _fetcher;
    private readonly IListingReader _listings;
    private readonly IArticleExtractor _extractor;
    private readonly AlertPublisher _publisher;
    private readonly SourceStateStore _sources;
    private readonly ArticleRecordStore _records;
    private readonly PageMemoryBudget _memory;
    private readonly ISourceAlarms _alarms;
    private readonly IStoryIndex _stories;
    private readonly IArticleArchive _archive;
    private readonly ScanOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HostScanner> _logger;
    private readonly SourceHealthOptions _health;

    public HostScanner(
        IPageFetcher fetcher,
        IListingReader listings,
        IArticleExtractor extractor,
        AlertPublisher publisher,
        SourceStateStore sources,
        ArticleRecordStore records,
        PageMemoryBudget memory,
        ISourceAlarms alarms,
        IStoryIndex stories,
        IArticleArchive archive,
        IOptions<ScanOptions> options,
        TimeProvider time,
        ILogger<HostScanner> logger,
        IOptions<SourceHealthOptions>? health = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _fetcher = fetcher;
        _listings = listings;
        _extractor = extractor;
        _publisher = publisher;
        _sources = sources;
        _records = records;
        _memory = memory;
        _alarms = alarms;
        _stories = stories;
        _archive = archive;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _health = health?.Value ?? new SourceHealthOptions();
    }

    /// <summary>
    /// Scans <paramref name="sources"/>, which all live on <paramref name="host"/> (see <see cref="HostKey"/>). Stops
    /// taking new pages at <paramref name="notAfter"/> (or after <see cref="ScanOptions.HostBudgetSeconds"/>); what is
    /// left waits for the next scan. One result per source, in the order given.
    /// </summary>
    public async Task<IReadOnlyList<ScanResult>> ScanAsync(
        string host, IReadOnlyList<Source> sources, RuleSet rules, DateTimeOffset? notAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(rules);
        var startedAt = _time.GetUtcNow();
        var budgetEnd = startedAt + TimeSpan.FromSeconds(_options.HostBudgetSeconds);
        var deadline = notAfter is { } n && n < budgetEnd ? n : budgetEnd;

        var records = await _records.LoadAsync(host, cancellationToken).ConfigureAwait(false);
        await PruneAsync(host, records, startedAt, cancellationToken).ConfigureAwait(false);

        // The sources' listings, a few at a time: the fetcher keeps the host's politeness limits across them, and a fetch
        // waits for its turn at most MaxHostWait, so 200 listings queued at once at a host that says Crawl-delay: 2 would
        // see the last ones given up.
        var listings = new ListingResult[sources.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.ArticleParallelism, CancellationToken = cancellationToken },
            async (i, ct) => listings[i] = await ReadListingAsync(sources[i], ct).ConfigureAwait(false)).ConfigureAwait(false);

        var tallies = sources.ToDictionary(s => s.Id, _ => new SourceTally(), StringComparer.Ordinal);
        var work = Plan(sources, listings, records, tallies, startedAt);

        // Each source's health as its listing read it: a page's backfill window needs it, and a read per page would cost
        // a storage call per article (it changes only when the source's scan finishes, below).
        var health = new Dictionary<string, SourceHealth?>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            health[sources[i].Id] = listings[i].Health;
        }
        await Parallel.ForEachAsync(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = _options.ArticleParallelism, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var tally = tallies[item.Source.Id];
                if (_time.GetUtcNow() >= deadline)
                {
                    Interlocked.Increment(ref tally.Deferred);
                    return;
                }

                var done = await ScanPageAsync(host, item, rules, health.GetValueOrDefault(item.Source.Id), ct).ConfigureAwait(false);
                tally.Add(done);
            }).ConfigureAwait(false);

        var results = new List<ScanResult>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            results.Add(await FinishSourceAsync(sources[i], listings[i], tallies[sources[i].Id], startedAt, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task PruneAsync(string host, Dictionary<string, ArticleRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var old = records.Values
            .Where(r => r.FirstSeenAt < now - ArticleRecord.RetentionPeriod && !(r.LiveUntil > now))
            .Take(MaxPrunesPerScan)
            .ToList();
        foreach (var record in old)
        {
            await _records.DeleteAsync(host, record.Url, cancellationToken).ConfigureAwait(false);
            records.Remove(record.Url);
        }

        if (old.Count > 0)
        {
            LogPruned(_logger, host, old.Count);
        }
    }

    private async Task<ListingResult> ReadListingAsync(Source source, CancellationToken cancellationToken)
    {
        var health = await _sources.GetHealthAsync(source.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            var validators = await _sources.GetValidatorsAsync(source.Url, cancellationToken).ConfigureAwait(false);
            var listing = await _listings.ReadAsync(source, validators, cancellationToken).ConfigureAwait(false);
            if (listing.Outcome is FetchOutcome.NotModified or FetchOutcome.NotDue)
            {
                return new ListingResult(health, listing.Outcome, [], null, null, listing.Chosen);
            }

            if (!listing.IsOk)
            {
                var error = listing.Error ?? (listing.Malformed ? "The listing could not be read." : listing.Outcome.ToString());
                return new ListingResult(health, listing.Outcome, [], error, null, listing.Chosen);
            }

            return new ListingResult(health, listing.Outcome, listing.Links, null, listing.Validators, listing.Chosen);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or a fault in one source's listing is that source's failure; the host's other sources go on.
            LogListingCrashed(_logger, ex, source.Id);
            return new ListingResult(health, null, [], $"{ex.GetType().Name}: {ex.Message}", null, null);
        }
    }

    /// <summary>
    /// The pages to fetch, in order: per source in config order, its new links (at most <see cref="Source.MaxArticles"/>,
    /// in listing order) and its updated ones; then the live blogs due a re-check. A URL is claimed by the first source
    /// that lists it.
    /// </summary>
    private static List<ScanWork> Plan(
        IReadOnlyList<Source> sources, ListingResult[] listings, Dictionary<string, ArticleRecord> records, Dictionary<string, SourceTally> tallies, DateTimeOffset now)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var work = new List<ScanWork>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var fresh = 0;
            foreach (var link in listings[i].Links)
            {
                var key = link.Url.AbsoluteUri;
                records.TryGetValue(key, out var record);
                if (record is null || IsRetryDue(record))
                {
                    if (record is null)
                    {
                        tallies[source.Id].NewLinks++;
                    }

                    if (fresh < source.MaxArticles && claimed.Add(key))
                    {
                        work.Add(new ScanWork(source, link.Url, ScanWorkKind.New, link, record));
                        fresh++;
                    }
                }
                else if (IsUpdated(record, link) && claimed.Add(key))
                {
                    work.Add(new ScanWork(source, link.Url, ScanWorkKind.Updated, link, record));
                }
            }
        }

        var bySource = sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var record in records.Values.OrderBy(r => r.Url, StringComparer.Ordinal))
        {
            if (record.PageType == PageTypeNames.LiveBlog && record.LiveUntil > now && !claimed.Contains(record.Url) &&
                Uri.TryCreate(record.Url, UriKind.Absolute, out var url))
            {
                // Re-checked with the settings of the source that found it, or else of the first source scanned here.
                var source = record.SourceId is not null && bySource.TryGetValue(record.SourceId, out var s) ? s : sources[0];
                claimed.Add(record.Url);
                work.Add(new ScanWork(source, url, ScanWorkKind.LiveBlog, null, record));
            }
        }

        return work;
    }

    /// <summary>A page that failed before, not given up on yet: it is tried again when listed.</summary>
    private static bool IsRetryDue(ArticleRecord record) => record.PageType is null && record.Failures < ArticleRecord.MaxFailures;

    /// <summary>
    /// An article is fetched again when the listing's date for it (sitemap lastmod, Atom updated, a feed date that moved)
    /// is later than the newest signal seen before and than its last fetch.
    /// </summary>
    private static bool IsUpdated(ArticleRecord record, DiscoveredLink link)
    {
        if (record.PageType != PageTypeNames.Article || Signal(link) is not { } signal)
        {
            return false;
        }

        return (record.Signal is null || signal > record.Signal) && (record.LastFetchedAt is null || signal > record.LastFetchedAt);
    }

    private static DateTimeOffset? Signal(DiscoveredLink? link) => link?.UpdatedAt ?? link?.PublishedAt;

    private async Task<PageDone> ScanPageAsync(string host, ScanWork item, RuleSet rules, SourceHealth? health, CancellationToken cancellationToken)
    {
        try
        {
            return await ScanPageCoreAsync(host, item, rules, health, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Every exception of one page is that page's failure: the source's other pages go on. It is tried again
            // on the next scans, a bounded number of times.
            LogPageCrashed(_logger, ex, item.Source.Id, item.Url.AbsoluteUri);
            var failure = new ArticleFailure(item.Url.AbsoluteUri, FetchOutcome.PageFailed, $"{ex.GetType().Name}: {ex.Message}");
            await TrySaveFailureAsync(host, item, cancellationToken).ConfigureAwait(false);
            return PageDone.Failed(failure);
        }
    }

    private async Task TrySaveFailureAsync(string host, ScanWork item, CancellationToken cancellationToken)
    {
        try
        {
            await SaveFailureAsync(host, item, permanent: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(_logger, ex, item.Source.Id, item.Url.AbsoluteUri);
        }
    }

    private async Task<PageDone> ScanPageCoreAsync(string host, ScanWork item, RuleSet rules, SourceHealth? health, CancellationToken cancellationToken)
    {
        var record = item.Record;
        var conditional = item.Kind != ScanWorkKind.New && record is not null;
        var request = conditional
            ? new FetchRequest(item.Url, record!.ETag, record.LastModified)
            : new FetchRequest(item.Url);
        var page = await _fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        if (page.Outcome == FetchOutcome.NotModified && record is not null)
        {
            await SaveAsync(host, record with { Signal = Max(record.Signal, Signal(item.Link)) }, record, cancellationToken).ConfigureAwait(false);
            return PageDone.Unchanged;
        }

        if (!page.IsOk || page.Content is null)
        {
            LogArticleFailed(_logger, item.Source.Id, item.Url.AbsoluteUri, page.Outcome, page.Error);
            if (item.Kind == ScanWorkKind.New)
            {
                // A page that is gone, refused or not an article would fail the same way on every scan: given up at once.
                await SaveFailureAsync(host, item, IsPermanent(page.Outcome), cancellationToken).ConfigureAwait(false);
            }

            return PageDone.Failed(new ArticleFailure(item.Url.AbsoluteUri, page.Outcome, page.Error));
        }

        Article article;
        using (await _memory.AcquireAsync(page.Content.Length, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                article = _extractor.Extract(page.Content, page.FinalUrl ?? item.Url, cancellationToken);
            }
            catch (PageTooComplexException ex)
            {
                LogTooComplex(_logger, item.Source.Id, item.Url.AbsoluteUri, ex.Message);
                await SaveFailureAsync(host, item, permanent: true, cancellationToken).ConfigureAwait(false);
                return PageDone.Failed(new ArticleFailure(item.Url.AbsoluteUri, FetchOutcome.TooComplex, ex.Message));
            }
        }

        var now = _time.GetUtcNow();
        var type = article.PageType == PageType.Other && item.Source.MatchAnyPage ? PageType.Article : article.PageType;
        if (type == PageType.LiveBlog && article.Entries.Count == 0)
        {
            type = PageType.Article; // Live-blog metadata without entries to read: its text is matched as an article's.
        }

        var hash = ContentHash(article);
        var firstSeen = record?.FirstSeenAt ?? now;
        var written = 0;
        var verdict = PageVerdict.Read;
        if (type == PageType.Other)
        {
            LogNotAnArticle(_logger, item.Source.Id, item.Url.AbsoluteUri);
            verdict = PageVerdict.NotAnArticle;
        }
        else
        {
            var notBefore = Backfill.NotBefore(item.Source, health, now);
            var articleUrl = CanonicalArticleUrl(article, item.Url);
            var published = DateSanity.Clean(article.PublishedAt, now) ?? DateSanity.Clean(item.Link?.PublishedAt, now);
            var title = article.Title ?? item.Link?.Title;
            if (type == PageType.LiveBlog)
            {
                written = await AlertEntriesAsync(item, rules, article, articleUrl, title, published, notBefore, now, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                (written, var tooOld) = await AlertArticleAsync(item, rules, article, articleUrl, title, published, notBefore, now, cancellationToken).ConfigureAwait(false);
                verdict = tooOld ? PageVerdict.TooOld : PageVerdict.Read;
            }
        }

        var changed = record?.ContentHash != hash;
        DateTimeOffset? lastChanged = type != PageType.LiveBlog ? null
            : record?.LastChangedAt is { } previous && !changed ? previous
            : record?.LastChangedAt is null ? Min(DateSanity.Clean(article.Entries.Select(e => e.Time).Max(), now) ?? now, now)
            : now;
        DateTimeOffset? liveUntil = type != PageType.LiveBlog ? null
            : article.CoverageEndTime is { } end && end <= now ? now
            : Min(firstSeen + LiveBlogMaxAge, lastChanged!.Value + LiveBlogQuietAfter);
        var updated = new ArticleRecord(
            item.Url.AbsoluteUri,
            record?.SourceId ?? item.Source.Id,
            firstSeen,
            now,
            PageTypeNames.Of(type),
            page.ETag,
            page.LastModified,
            Max(record?.Signal, Signal(item.Link)),
            liveUntil,
            hash,
            lastChanged,
            0);
        await SaveAsync(host, updated, record, cancellationToken).ConfigureAwait(false);
        return new PageDone(item.Kind == ScanWorkKind.New, written, null) { Verdict = verdict };
    }

    /// <summary>Matches an article and writes its alerts; TooOld when it was published before the backfill window (no alert).</summary>
    private async Task<(int Written, bool TooOld)> AlertArticleAsync(
        ScanWork item, RuleSet rules, Article article, Uri articleUrl, string? title, DateTimeOffset? published,
        DateTimeOffset notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Kept 48 hours, so that a rule added later is run over it once (newswatch backtest, and new rules).
        await _archive.PutAsync(new ArchivedArticle(item.Source.Id, articleUrl, title, article.Text, published, now), cancellationToken).ConfigureAwait(false);
        if (published is { } p && p < notBefore)
        {
            LogTooOld(_logger, item.Source.Id, articleUrl.AbsoluteUri, p);
            return (0, true);
        }

        var matches = rules.Match(title, article.Text);
        if (matches.Count == 0)
        {
            return (0, false);
        }

        // Copies of one story (wire copy on several sites) share a story id; delivery folds them.
        var storyId = await _stories.AssignAsync(articleUrl, article.Text, now, cancellationToken).ConfigureAwait(false);
        var written = 0;
        foreach (var match in matches)
        {
            var alert = ScanAlerts.ForArticle(match, item.Source.Id, articleUrl, title, published, now, article.Language, storyId);
            written += await PublishAsync(alert, item.Source.Id, cancellationToken).ConfigureAwait(false);
        }

        return (written, false);
    }

    /// <summary>
    /// A live blog alerts once per rule and entry that matches, with that entry's snippet and time; its text outside the
    /// entries (headline, standfirst, key points) never alerts on its own. An entry older than the backfill window
    /// does not alert.
    /// </summary>
    private async Task<int> AlertEntriesAsync(
        ScanWork item, RuleSet rules, Article article, Uri articleUrl, string? title, DateTimeOffset? published,
        DateTimeOffset notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var entry in article.Entries)
        {
            var entryTime = DateSanity.Clean(entry.Time, now);
            if ((entryTime ?? published) is { } t && t < notBefore)
            {
                continue;
            }

            foreach (var match in rules.Match(entry.Title, entry.Text))
            {
                var alert = ScanAlerts.ForEntry(match, item.Source.Id, articleUrl, title, published, now, article.Language, entry, entryTime);
                written += await PublishAsync(alert, item.Source.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private async Task<int> PublishAsync(Alert alert, string sourceId, CancellationToken cancellationToken)
    {
        if (!await _publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        LogAlertWritten(_logger, alert.Id, alert.RuleId, sourceId, alert.ArticleUrl);
        return 1;
    }

    private async Task SaveFailureAsync(string host, ScanWork item, bool permanent, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var record = item.Record;
        var failures = (record?.Failures ?? 0) + 1;
        var givenUp = permanent || failures >= ArticleRecord.MaxFailures;
        var updated = record is null
            ? new ArticleRecord(item.Url.AbsoluteUri, item.Source.Id, now, null, givenUp ? PageTypeNames.Failed : null, Signal: Signal(item.Link), Failures: failures)
            : record.PageType is null || record.PageType == PageTypeNames.Failed
                ? record with { PageType = givenUp ? PageTypeNames.Failed : null, Failures = failures }
                : record; // An article or live blog that failed a re-check stays what it was; the next scan tries again.
        await SaveAsync(host, updated, record, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveAsync(string host, ArticleRecord updated, ArticleRecord? previous, CancellationToken cancellationToken)
    {
        if (updated != previous)
        {
            await _records.SaveAsync(host, updated, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ScanResult> FinishSourceAsync(Source source, ListingResult listing, SourceTally tally, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var failures = tally.Failures.OrderBy(f => f.ArticleUrl, StringComparer.Ordinal).ToList();
        if (listing.Outcome is FetchOutcome.Ok or FetchOutcome.NotModified or FetchOutcome.NotDue && listing.Error is null)
        {
            if (listing.Validators is { } validators)
            {
                await _sources.SaveValidatorsAsync(source.Url, validators, cancellationToken).ConfigureAwait(false);
            }

            await SaveHealthAsync(
                source,
                SourceHealthUpdate.Success(source.Id, listing.Health, startedAt, listing.Outcome ?? FetchOutcome.Ok, listing.Outcome == FetchOutcome.Ok ? listing.Links.Count : null, tally.NewLinks),
                cancellationToken).ConfigureAwait(false);
            LogSourceScanned(_logger, source.Id, listing.Links.Count, tally.Fetched, tally.Written, tally.NotArticles, tally.TooOld);
            return new ScanResult(source.Id, listing.Outcome, listing.Links.Count, tally.Fetched, tally.Written, null, failures)
            {
                Disallowed = tally.Disallowed,
                Deferred = tally.Deferred,
                NotArticles = tally.NotArticles,
                TooOld = tally.TooOld,
                Discovery = source.Kind == SourceKind.Auto ? listing.Chosen : null,
            };
        }

        var error = listing.Error ?? listing.Outcome?.ToString() ?? "failed";
        await SaveHealthAsync(
            source,
            SourceHealthUpdate.Failure(source.Id, listing.Health, startedAt, listing.Outcome?.ToString() ?? "Error", error, _health.RetryBackoff),
            cancellationToken).ConfigureAwait(false);
        LogSourceFailed(_logger, source.Id, listing.Outcome?.ToString() ?? "Error", error);
        return new ScanResult(source.Id, listing.Outcome, 0, tally.Fetched, tally.Written, error, failures)
        {
            NotArticles = tally.NotArticles,
            TooOld = tally.TooOld,
            Discovery = source.Kind == SourceKind.Auto ? listing.Chosen : null,
        };
    }

    /// <summary>
    /// Saves the source's health; when it turned failing or quiet, or recovered, operators are told first, so that a
    /// failed notice is repeated on the next scan rather than lost.
    /// </summary>
    private async Task SaveHealthAsync(Source source, SourceHealth health, CancellationToken cancellationToken)
    {
        var status = SourceStatus.Of(source.Id, source.Url, health, health.LastAttemptAt ?? _time.GetUtcNow(), _health.FailingAfter);
        if (status.Alarm != health.Alarm)
        {
            var reason = status.Failing ? health.LastError
                : status.Quiet ? (health.LinksFound == 0 ? "the listing yields no links" : "no new link for over 3 days")
                : null;
            try
            {
                await _alarms.NotifyAsync(
                    new SourceAlarm(source.Id, source.Url.AbsoluteUri, status.Alarm ?? "recovered", reason, health.LastAttemptAt ?? _time.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
                health = health with { Alarm = status.Alarm };
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The notice is tried again on the next scan (the stored alarm is unchanged); the scan itself stands.
                LogAlarmFailed(_logger, ex, source.Id, status.Alarm ?? "recovered");
            }
        }

        await _sources.SaveHealthAsync(health, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The article's own canonical URL when the extractor found one on the same host, else the link's.</summary>
    private static Uri CanonicalArticleUrl(Article article, Uri linkUrl)
    {
        if (article.Url is { } url && string.Equals(url.Host, linkUrl.Host, StringComparison.OrdinalIgnoreCase) &&
            url.AbsolutePath.Length > 1 && UrlCanonicalizer.TryCanonicalize(url.AbsoluteUri) is { } canonical)
        {
            return canonical;
        }

        return linkUrl;
    }

    private static string ContentHash(Article article)
    {
        var text = article.Entries.Count > 0 ? string.Join("\n", article.Entries.Select(e => e.EntryId + "\n" + e.Text)) : article.Text;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
    }

    private static bool IsPermanent(FetchOutcome outcome) => outcome is
        FetchOutcome.NotFound or FetchOutcome.NotHtml or FetchOutcome.TooLarge or FetchOutcome.ClientError
        or FetchOutcome.InvalidUrl or FetchOutcome.TooManyRedirects or FetchOutcome.Disallowed or FetchOutcome.Forbidden;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record ListingResult(
        SourceHealth? Health, FetchOutcome? Outcome, IReadOnlyList<DiscoveredLink> Links, string? Error, HttpValidators? Validators, string? Chosen);

    private sealed record PageDone(bool IsNew, int Written, ArticleFailure? Failure)
    {
        public static readonly PageDone Unchanged = new(false, 0, null);

        /// <summary>What became of a page that was read: matched, not an article, or an article too old to alert.</summary>
        public PageVerdict Verdict { get; init; }

        public static PageDone Failed(ArticleFailure failure) => new(false, 0, failure);
    }

    private enum PageVerdict
    {
        Read,
        NotAnArticle,
        TooOld,
    }

    private sealed class SourceTally
    {
        public int NewLinks;
        public int Fetched;
        public int NewArticles;
        public int Written;
        public int Deferred;
        public int Disallowed;
        public int NotArticles;
        public int TooOld;
        public readonly ConcurrentBag<ArticleFailure> Failures = [];

        public void Add(PageDone done)
        {
            Interlocked.Add(ref Written, done.Written);
            if (done.Failure is { } failure)
            {
                Failures.Add(failure);
                if (failure.Outcome == FetchOutcome.Disallowed)
                {
                    Interlocked.Increment(ref Disallowed);
                }

                return;
            }

            Interlocked.Increment(ref Fetched);
            if (done.Verdict == PageVerdict.NotAnArticle)
            {
                Interlocked.Increment(ref NotArticles);
            }
            else if (done.Verdict == PageVerdict.TooOld)
            {
                Interlocked.Increment(ref TooOld);
            }

            if (done.IsNew)
            {
                Interlocked.Increment(ref NewArticles);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} failed: {Outcome}: {Error}")]
    private static partial void LogSourceFailed(ILogger logger, string sourceId, string outcome, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing of source {SourceId} crashed")]
    private static partial void LogListingCrashed(ILogger logger, Exception exception, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} scanned: {LinkCount} links, {ArticleCount} pages fetched, {AlertCount} alerts written; {NotArticleCount} pages not articles, {TooOldCount} articles published before the backfill window")]
    private static partial void LogSourceScanned(ILogger logger, string sourceId, int linkCount, int articleCount, int alertCount, int notArticleCount, int tooOldCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleUrl} of source {SourceId} failed: {Outcome}: {Error}")]
    private static partial void LogArticleFailed(ILogger logger, string sourceId, string articleUrl, FetchOutcome outcome, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Page {ArticleUrl} of source {SourceId} failed with an exception")]
    private static partial void LogPageCrashed(ILogger logger, Exception exception, string sourceId, string articleUrl);

    [LoggerMessage(Level = LogLevel.Error, Message = "The record of page {ArticleUrl} of source {SourceId} could not be saved")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string sourceId, string articleUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {ArticleUrl} of source {SourceId} is too complex to process: {Reason}")]
    private static partial void LogTooComplex(ILogger logger, string sourceId, string articleUrl, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Page {ArticleUrl} of source {SourceId} is not an article: not matched")]
    private static partial void LogNotAnArticle(ILogger logger, string sourceId, string articleUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} for rule {RuleId} written: source {SourceId}, article {ArticleUrl}")]
    private static partial void LogAlertWritten(ILogger logger, string alertId, string ruleId, string sourceId, string articleUrl);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleUrl} of source {SourceId} is older than the backfill window ({PublishedAt}): no alert")]
    private static partial void LogTooOld(ILogger logger, string sourceId, string articleUrl, DateTimeOffset publishedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operators could not be told that source {SourceId} is {Alarm}; tried again next scan")]
    private static partial void LogAlarmFailed(ILogger logger, Exception exception, string sourceId, string alarm);

    [LoggerMessage(Level = LogLevel.Information, Message = "Host {Host}: {Count} article records older than 30 days pruned")]
    private static partial void LogPruned(ILogger logger, string host, int count);
}

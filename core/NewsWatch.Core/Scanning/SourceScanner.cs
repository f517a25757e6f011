using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using NewsWatch.Core.Alerts;
using NewsWatch.Core.Extraction;
using NewsWatch.Core.Fetching;
using NewsWatch.Core.Rules;
using NewsWatch.Core.Sources;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>
/// Scans one source. The listing is fetched conditionally; links not seen before are fetched (at most
/// <see cref="Source.MaxArticles"/>, a few at a time), extracted and matched; each rule that matches gives one alert,
/// published idempotently. A URL is marked seen only after its alerts are stored, so a crash means a re-fetch, never
/// a lost alert. An article published more than <see cref="Source.BackfillHours"/> before the source's first scan
/// never alerts (it is backlog, not news).
/// </summary>
public sealed partial class SourceScanner : ISourceScanner
{
    private const int ArticleParallelism = 4;

    private readonly IPageFetcher _fetcher;
    private readonly IListingReader _listings;
    private readonly IArticleExtractor _extractor;
    private readonly AlertPublisher _publisher;
    private readonly SourceStateStore _state;
    private readonly TimeProvider _time;
    private readonly ILogger<SourceScanner> _logger;

    public SourceScanner(
        IPageFetcher fetcher,
        IListingReader listings,
        IArticleExtractor extractor,
        AlertPublisher publisher,
        SourceStateStore state,
        TimeProvider time,
        ILogger<SourceScanner> logger)
    {
        _fetcher = fetcher;
        _listings = listings;
        _extractor = extractor;
        _publisher = publisher;
        _state = state;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<ScanResult> ScanAsync(Source source, RuleSet rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rules);
        var startedAt = _time.GetUtcNow();
        var health = await _state.GetHealthAsync(source.Id, cancellationToken).ConfigureAwait(false);
        var validators = await _state.GetValidatorsAsync(source.Url, cancellationToken).ConfigureAwait(false);

        var listing = await _listings.ReadAsync(source, validators, cancellationToken).ConfigureAwait(false);
        if (listing.Outcome is FetchOutcome.NotModified or FetchOutcome.NotDue)
        {
            await RecordSuccessAsync(source, health, startedAt, listing.Outcome, cancellationToken).ConfigureAwait(false);
            return new ScanResult(source.Id, listing.Outcome, 0, 0, 0, null, []);
        }

        if (listing.Outcome != FetchOutcome.Ok)
        {
            var error = listing.Error ?? listing.Outcome.ToString();
            await RecordFailureAsync(source, health, startedAt, listing.Outcome.ToString(), error, cancellationToken).ConfigureAwait(false);
            LogSourceFailed(_logger, source.Id, listing.Outcome, error);
            return new ScanResult(source.Id, listing.Outcome, 0, 0, 0, error, []);
        }

        if (listing.Malformed)
        {
            var error = listing.Error ?? "The listing could not be read.";
            await RecordFailureAsync(source, health, startedAt, "Malformed", error, cancellationToken).ConfigureAwait(false);
            LogSourceFailed(_logger, source.Id, FetchOutcome.Ok, error);
            return new ScanResult(source.Id, listing.Outcome, 0, 0, 0, error, []);
        }

        var links = listing.Links;

        // One state lookup per link, all at once (a table round trip each), then the first unseen ones in listing order.
        var seen = await Task.WhenAll(links.Select(link => _state.IsSeenAsync(source.Id, link.Url, cancellationToken))).ConfigureAwait(false);
        var fresh = links.Where((_, i) => !seen[i]).Take(source.MaxArticles).ToList();

        var firstScanAt = health?.FirstScanAt ?? startedAt;
        var notBefore = firstScanAt - TimeSpan.FromHours(source.BackfillHours);
        var failures = new ConcurrentBag<ArticleFailure>();
        var fetched = 0;
        var written = 0;
        await Parallel.ForEachAsync(
            fresh,
            new ParallelOptions { MaxDegreeOfParallelism = ArticleParallelism, CancellationToken = cancellationToken },
            async (link, ct) =>
            {
                var outcome = await ScanArticleAsync(source, rules, link, notBefore, ct).ConfigureAwait(false);
                if (outcome.Failure is not null)
                {
                    failures.Add(outcome.Failure);
                }
                else
                {
                    Interlocked.Increment(ref fetched);
                }

                Interlocked.Add(ref written, outcome.AlertsWritten);
            }).ConfigureAwait(false);

        if (listing.Validators is not null)
        {
            await _state.SaveValidatorsAsync(source.Url, listing.Validators, cancellationToken).ConfigureAwait(false);
        }

        await RecordSuccessAsync(source, health, startedAt, listing.Outcome, cancellationToken).ConfigureAwait(false);
        LogSourceScanned(_logger, source.Id, links.Count, fetched, written);
        return new ScanResult(source.Id, listing.Outcome, links.Count, fetched, written, null, [.. failures.OrderBy(f => f.ArticleUrl, StringComparer.Ordinal)]);
    }

    private async Task<(int AlertsWritten, ArticleFailure? Failure)> ScanArticleAsync(
        Source source, RuleSet rules, DiscoveredLink link, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var page = await _fetcher.FetchAsync(new FetchRequest(link.Url), cancellationToken).ConfigureAwait(false);
        if (!page.IsOk || page.Content is null)
        {
            LogArticleFailed(_logger, source.Id, link.Url.AbsoluteUri, page.Outcome, page.Error);
            if (IsPermanent(page.Outcome))
            {
                // Retrying a page that is gone or not an article would fail the same way on every scan.
                await _state.MarkSeenAsync(source.Id, link.Url, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            return (0, new ArticleFailure(link.Url.AbsoluteUri, page.Outcome, page.Error));
        }

        var article = _extractor.Extract(page.Content, page.FinalUrl ?? link.Url);
        var articleUrl = CanonicalArticleUrl(article, link);
        var publishedAt = article.PublishedAt ?? link.PublishedAt;
        var written = 0;
        if (publishedAt is null || publishedAt >= notBefore)
        {
            var detectedAt = _time.GetUtcNow();
            foreach (var match in rules.Match(article.Title ?? link.Title, article.Text))
            {
                var alert = new Alert(
                    AlertIds.Compute(match.RuleId, articleUrl),
                    Alert.CurrentSchemaVersion,
                    match.RuleId,
                    match.Query,
                    source.Id,
                    articleUrl.AbsoluteUri,
                    article.Title ?? link.Title,
                    publishedAt,
                    detectedAt,
                    article.Language,
                    match.Terms,
                    match.Snippets);
                if (await _publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false))
                {
                    written++;
                    LogAlertWritten(_logger, alert.Id, alert.RuleId, source.Id, alert.ArticleUrl);
                }
            }
        }
        else
        {
            LogTooOld(_logger, source.Id, articleUrl.AbsoluteUri, publishedAt.Value);
        }

        await _state.MarkSeenAsync(source.Id, link.Url, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return (written, null);
    }

    /// <summary>The article's own canonical URL when the extractor found one on the same host, else the link's.</summary>
    private static Uri CanonicalArticleUrl(Article article, DiscoveredLink link)
    {
        if (article.Url is { } url && string.Equals(url.Host, link.Url.Host, StringComparison.OrdinalIgnoreCase) &&
            url.AbsolutePath.Length > 1 && UrlCanonicalizer.TryCanonicalize(url.AbsoluteUri) is { } canonical)
        {
            return canonical;
        }

        return link.Url;
    }

    private static bool IsPermanent(FetchOutcome outcome) => outcome is
        FetchOutcome.NotFound or FetchOutcome.NotHtml or FetchOutcome.TooLarge or FetchOutcome.ClientError
        or FetchOutcome.InvalidUrl or FetchOutcome.TooManyRedirects;

    private Task RecordSuccessAsync(Source source, SourceHealth? health, DateTimeOffset at, FetchOutcome outcome, CancellationToken cancellationToken) =>
        _state.SaveHealthAsync(
            new SourceHealth(source.Id, health?.FirstScanAt ?? at, at, at, outcome.ToString(), null, 0, null),
            cancellationToken);

    private Task RecordFailureAsync(Source source, SourceHealth? health, DateTimeOffset at, string outcome, string error, CancellationToken cancellationToken)
    {
        var failures = (health?.ConsecutiveFailures ?? 0) + 1;
        // Back off from the second failure in a row: 5 min, 10, 20, ... at most 2 h.
        DateTimeOffset? next = failures < 2 ? null : at + TimeSpan.FromMinutes(Math.Min(120, 5 * Math.Pow(2, failures - 2)));
        return _state.SaveHealthAsync(
            new SourceHealth(source.Id, health?.FirstScanAt, at, health?.LastSuccessAt, outcome, error, failures, next),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceId} failed: {Outcome}: {Error}")]
    private static partial void LogSourceFailed(ILogger logger, string sourceId, FetchOutcome outcome, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} scanned: {LinkCount} links, {ArticleCount} articles fetched, {AlertCount} alerts written")]
    private static partial void LogSourceScanned(ILogger logger, string sourceId, int linkCount, int articleCount, int alertCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleUrl} of source {SourceId} failed: {Outcome}: {Error}")]
    private static partial void LogArticleFailed(ILogger logger, string sourceId, string articleUrl, FetchOutcome outcome, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} for rule {RuleId} written: source {SourceId}, article {ArticleUrl}")]
    private static partial void LogAlertWritten(ILogger logger, string alertId, string ruleId, string sourceId, string articleUrl);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleUrl} of source {SourceId} is older than the backfill window ({PublishedAt}): no alert")]
    private static partial void LogTooOld(ILogger logger, string sourceId, string articleUrl, DateTimeOffset publishedAt);
}

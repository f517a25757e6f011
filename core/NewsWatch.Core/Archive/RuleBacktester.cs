using System.Runtime.CompilerServices;
using NewsWatch.Core.Rules;

namespace NewsWatch.Core.Archive;

/// <summary>
/// Runs new or changed rules once over the archived articles of the last <see cref="ArticleArchive.Retention"/>,
/// as if they had been there: a match counts when the article was published (else archived) inside its
/// source's backfill window. It only reports; the caller decides whether to alert.
/// </summary>
public sealed class RuleBacktester
{
    private readonly IArticleArchive _archive;
    private readonly TimeProvider _time;

    public RuleBacktester(IArticleArchive archive, TimeProvider time)
    {
        _archive = archive;
        _time = time;
    }

    /// <summary>The rules of <paramref name="after"/> that are new or whose query, language or compounds changed since <paramref name="before"/>.</summary>
    public static IReadOnlyList<RuleDefinition> AddedOrChanged(IEnumerable<RuleDefinition> before, IEnumerable<RuleDefinition> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return after.Where(r => !old.TryGetValue(r.Id, out var previous) || previous != r).ToList();
    }

    /// <summary>
    /// Matches <paramref name="rules"/> against every archived article whose time is within <paramref name="windowOf"/>
    /// (per source id; e.g. the source's <c>backfillHours</c>, at most the retention) of now.
    /// </summary>
    /// <param name="rules">The rules to run.</param>
    /// <param name="windowOf">Each source's window.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="counts">When given, counts the articles kept and those inside their window, for a summary.</param>
    public async IAsyncEnumerable<BacktestMatch> RunAsync(
        IEnumerable<RuleDefinition> rules, Func<string, TimeSpan> windowOf, [EnumeratorCancellation] CancellationToken cancellationToken,
        BacktestCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(windowOf);
        var set = RuleSet.Compile(rules);
        if (set.Rules.Count == 0)
        {
            yield break;
        }

        var now = _time.GetUtcNow();
        await foreach (var article in _archive.ListAsync(now - ArticleArchive.Retention, cancellationToken).ConfigureAwait(false))
        {
            if (counts is not null)
            {
                counts.Kept++;
            }

            var window = windowOf(article.SourceId);
            if (window > ArticleArchive.Retention)
            {
                window = ArticleArchive.Retention;
            }

            if (article.EffectiveTime < now - window)
            {
                continue;
            }

            if (counts is not null)
            {
                counts.InWindow++;
            }

            foreach (var match in set.Match(article.Title, article.Text))
            {
                yield return new BacktestMatch(article, match);
            }
        }
    }

    /// <summary>Deletes archived articles older than the retention; call it once per scan cycle.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        _archive.PurgeAsync(_time.GetUtcNow() - ArticleArchive.Retention, cancellationToken);
}

/// <summary>What a backtest read: the articles kept, and those inside their source's window.</summary>
public sealed class BacktestCounts
{
    /// <summary>Articles kept (the last 48 hours).</summary>
    public int Kept { get; set; }

    /// <summary>Of those, the ones inside their source's backfill window, which the rules were run over.</summary>
    public int InWindow { get; set; }
}

using System.Text.Json;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.State;

/// <summary>
/// The <see cref="ArticleRecord"/>s of one host: read whole at the start of the host's scan (one partition query, in
/// pages of 1,000, instead of a read per listing link), written one record per fetched article, pruned 30 days after
/// first sight.
/// </summary>
public sealed class ArticleRecordStore
{
    private readonly IStateStore _state;

    public ArticleRecordStore(IStateStore state) => _state = state;

    /// <summary>Every record of <paramref name="host"/>, by URL.</summary>
    public async Task<Dictionary<string, ArticleRecord>> LoadAsync(string host, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, ArticleRecord>(StringComparer.Ordinal);
        await foreach (var (key, value) in _state.ListAsync(StatePartitions.Articles(host), cancellationToken).ConfigureAwait(false))
        {
            ArticleRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(value, AlertJson.TypeInfo<ArticleRecord>());
            }
            catch (JsonException)
            {
                continue; // An unreadable record is as if absent: the page is fetched again, and alerts stay idempotent.
            }

            if (record is not null)
            {
                records[key] = record;
            }
        }

        return records;
    }

    /// <summary>Stores the record of one URL.</summary>
    public Task SaveAsync(string host, ArticleRecord record, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Articles(host), record.Url, record, cancellationToken);

    /// <summary>Removes the record of one URL.</summary>
    public Task DeleteAsync(string host, string url, CancellationToken cancellationToken) =>
        _state.DeleteAsync(StatePartitions.Articles(host), url, cancellationToken);
}

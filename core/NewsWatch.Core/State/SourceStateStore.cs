using System.Globalization;
using System.Text.Json;
using NewsWatch.Core.Alerts;

namespace NewsWatch.Core.State;

/// <summary>Typed access to a source's state: seen article URLs, listing validators, health.</summary>
public sealed class SourceStateStore
{
    private readonly IStateStore _state;

    public SourceStateStore(IStateStore state) => _state = state;

    /// <summary>True when the article URL was handled by an earlier scan of the source.</summary>
    public async Task<bool> IsSeenAsync(string sourceId, Uri articleUrl, CancellationToken cancellationToken) =>
        await _state.GetAsync(StatePartitions.Seen(sourceId), articleUrl.AbsoluteUri, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Records that the article URL was handled.</summary>
    public Task MarkSeenAsync(string sourceId, Uri articleUrl, DateTimeOffset at, CancellationToken cancellationToken) =>
        _state.SetAsync(StatePartitions.Seen(sourceId), articleUrl.AbsoluteUri, at.ToString("O", CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>The validators of the URL's last successful fetch, or null.</summary>
    public async Task<HttpValidators?> GetValidatorsAsync(Uri url, CancellationToken cancellationToken)
    {
        var json = await _state.GetAsync(StatePartitions.Validators, url.AbsoluteUri, cancellationToken).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<HttpValidators>(json, AlertJson.Options);
    }

    /// <summary>Records the validators of a successful fetch.</summary>
    public Task SaveValidatorsAsync(Uri url, HttpValidators validators, CancellationToken cancellationToken) =>
        _state.SetAsync(StatePartitions.Validators, url.AbsoluteUri, JsonSerializer.Serialize(validators, AlertJson.Options), cancellationToken);

    /// <summary>The source's health, or null before its first scan.</summary>
    public async Task<SourceHealth?> GetHealthAsync(string sourceId, CancellationToken cancellationToken)
    {
        var json = await _state.GetAsync(StatePartitions.Health, sourceId, cancellationToken).ConfigureAwait(false);
        return json is null ? null : JsonSerializer.Deserialize<SourceHealth>(json, AlertJson.Options);
    }

    /// <summary>Records the source's health.</summary>
    public Task SaveHealthAsync(SourceHealth health, CancellationToken cancellationToken) =>
        _state.SetAsync(StatePartitions.Health, health.SourceId, JsonSerializer.Serialize(health, AlertJson.Options), cancellationToken);
}

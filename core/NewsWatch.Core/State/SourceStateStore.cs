using System.Globalization;

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
    public Task<HttpValidators?> GetValidatorsAsync(Uri url, CancellationToken cancellationToken) =>
        _state.GetJsonAsync<HttpValidators>(StatePartitions.Validators, url.AbsoluteUri, cancellationToken);

    /// <summary>Records the validators of a successful fetch.</summary>
    public Task SaveValidatorsAsync(Uri url, HttpValidators validators, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Validators, url.AbsoluteUri, validators, cancellationToken);

    /// <summary>The source's health, or null before its first scan.</summary>
    public Task<SourceHealth?> GetHealthAsync(string sourceId, CancellationToken cancellationToken) =>
        _state.GetJsonAsync<SourceHealth>(StatePartitions.Health, sourceId, cancellationToken);

    /// <summary>Records the source's health.</summary>
    public Task SaveHealthAsync(SourceHealth health, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Health, health.SourceId, health, cancellationToken);
}

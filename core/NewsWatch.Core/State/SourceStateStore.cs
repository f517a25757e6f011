namespace NewsWatch.Core.State;

/// <summary>Typed access to a source's state: listing validators and health (article records are per host: <see cref="ArticleRecordStore"/>).</summary>
public sealed class SourceStateStore
{
    private readonly IStateStore _state;

    public SourceStateStore(IStateStore state) => _state = state;

    /// <summary>The validators of the URL's last successful fetch, or null (also when the record cannot be read: the fetch is then unconditional).</summary>
    public Task<HttpValidators?> GetValidatorsAsync(Uri url, CancellationToken cancellationToken) =>
        _state.GetJsonOrAbsentAsync<HttpValidators>(StatePartitions.Validators, url.AbsoluteUri, cancellationToken);

    /// <summary>Records the validators of a successful fetch.</summary>
    public Task SaveValidatorsAsync(Uri url, HttpValidators validators, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Validators, url.AbsoluteUri, validators, cancellationToken);

    /// <summary>The source's health, or null before its first scan (also when the record cannot be read: the scan's result replaces it).</summary>
    public Task<SourceHealth?> GetHealthAsync(string sourceId, CancellationToken cancellationToken) =>
        _state.GetJsonOrAbsentAsync<SourceHealth>(StatePartitions.Health, sourceId, cancellationToken);

    /// <summary>Records the source's health.</summary>
    public Task SaveHealthAsync(SourceHealth health, CancellationToken cancellationToken) =>
        _state.SetJsonAsync(StatePartitions.Health, health.SourceId, health, cancellationToken);
}

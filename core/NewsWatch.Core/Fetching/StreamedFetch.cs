namespace NewsWatch.Core.Fetching;

/// <summary>The result of <see cref="IPageFetcher.FetchStreamAsync"/>: the outcome (without <c>Content</c>) and, on success, the body.</summary>
public sealed class StreamedFetch : IAsyncDisposable, IDisposable
{
    public StreamedFetch(FetchResult result, Stream? body)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
        Body = body;
    }

    /// <summary>What happened; <see cref="FetchResult.Content"/> is always null.</summary>
    public FetchResult Result { get; }

    /// <summary>The raw body (not decoded, maybe gzip) on <see cref="FetchOutcome.Ok"/>; null otherwise.</summary>
    public Stream? Body { get; }

    public ValueTask DisposeAsync() => Body?.DisposeAsync() ?? ValueTask.CompletedTask;

    public void Dispose() => Body?.Dispose();
}

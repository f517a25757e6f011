namespace NewsWatch.Core.Fetching;

/// <summary>Fetches one page or feed. Never throws for a network or HTTP failure: that is a <see cref="FetchOutcome"/>.</summary>
public interface IPageFetcher
{
    /// <summary>Fetches <paramref name="request"/>'s URL (http, https, or file).</summary>
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken);
}

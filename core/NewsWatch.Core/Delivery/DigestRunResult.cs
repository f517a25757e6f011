namespace NewsWatch.Core.Delivery;

/// <summary>What one <see cref="DigestService.SendDueAsync"/> did.</summary>
/// <param name="Sent">Digests sent now.</param>
/// <param name="Failed">Digests that failed and stay due (retried by the next run).</param>
public sealed record DigestRunResult(int Sent, int Failed);

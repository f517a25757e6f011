namespace NewsWatch.Core.Delivery;

/// <summary>A digest as recorded before it is sent (partition <c>digests</c>): the alerts it carries and how many were held.</summary>
public sealed record DigestRecord(IReadOnlyList<DigestItem> Items, DateTimeOffset At);

namespace NewsWatch.Core.Alerts;

/// <summary>The message on queue <c>alerts</c>: small (well under 64 KiB), enough to find the alert blob.</summary>
public sealed record AlertMessage(string AlertId, string BlobName, string RuleId, string ArticleUrl, string? Title);

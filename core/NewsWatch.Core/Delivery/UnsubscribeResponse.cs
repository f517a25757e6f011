namespace NewsWatch.Core.Delivery;

/// <summary>What the <c>Unsubscribe</c> endpoint answers: an HTTP status and a small HTML page.</summary>
public sealed record UnsubscribeResponse(int StatusCode, string Html);

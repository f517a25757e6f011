namespace NewsWatch.Core.Fetching;

/// <summary>The answer of <see cref="RobotsCache.CheckAsync"/>: allowed, or the outcome to report and why.</summary>
/// <param name="Allowed">True when the URL may be fetched.</param>
/// <param name="Outcome">When not allowed: <see cref="FetchOutcome.Disallowed"/> or <see cref="FetchOutcome.Forbidden"/>.</param>
/// <param name="Reason">When not allowed: a short reason naming the rule or the failure.</param>
internal sealed record RobotsCheck(bool Allowed, FetchOutcome Outcome = FetchOutcome.Ok, string? Reason = null)
{
    public static RobotsCheck Yes { get; } = new(true);
}

namespace NewsWatch.Core.Scanning;

/// <summary>
/// Dates that cannot be true are no dates: placeholders (<c>0001-01-01</c>, the Unix epoch, anything before 1995, when
/// news sites began) and dates more than 24 hours after the page was fetched count as missing, so that backfill never
/// drops a fresh article because of one.
/// </summary>
public static class DateSanity
{
    private static readonly DateTimeOffset Earliest = new(1995, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="date"/> when it can be true at <paramref name="now"/>, else null.</summary>
    public static DateTimeOffset? Clean(DateTimeOffset? date, DateTimeOffset now) =>
        date is { } d && d >= Earliest && d <= now + TimeSpan.FromHours(24) ? d : null;
}

using NewsWatch.Core.Sources;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Scanning;

/// <summary>Which publication times still alert.</summary>
public static class Backfill
{
    /// <summary>
    /// The earliest publication time that alerts: <see cref="Source.BackfillHours"/> before the source's first scan
    /// (before now, on the first scan itself).
    /// </summary>
    public static DateTimeOffset NotBefore(Source source, SourceHealth? health, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        return (health?.FirstScanAt ?? now) - TimeSpan.FromHours(source.BackfillHours);
    }
}

namespace NewsWatch.Core.Configuration;

/// <summary>A subscriber's <c>quietHours</c> (<c>"22:00-07:00"</c>, local time): instant alerts in the window wait for its end.</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>Parses <c>HH:mm-HH:mm</c>; null when it is not that, or when start equals end.</summary>
    public static QuietHours? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && DeliveryAt.TryParseTime(parts[0], out var start) && DeliveryAt.TryParseTime(parts[1], out var end) && start != end
            ? new QuietHours(start, end)
            : null;
    }

    /// <summary>True when <paramref name="local"/> is inside the window (the start included, the end not; it may span midnight).</summary>
    public bool Contains(TimeOnly local) => Start < End ? local >= Start && local < End : local >= Start || local < End;
}

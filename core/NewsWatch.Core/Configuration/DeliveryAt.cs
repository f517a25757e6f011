using System.Globalization;

namespace NewsWatch.Core.Configuration;

/// <summary>A subscriber's <c>at</c>: a local time of day (<c>"08:00"</c>), with a day of the week for weekly digests (<c>"Mon 08:00"</c>).</summary>
public sealed record DeliveryAt(DayOfWeek? Day, TimeOnly Time)
{
    /// <summary>Daily digests' default: 08:00.</summary>
    public static DeliveryAt DailyDefault { get; } = new(null, new TimeOnly(8, 0));

    /// <summary>Weekly digests' default: Monday 08:00.</summary>
    public static DeliveryAt WeeklyDefault { get; } = new(DayOfWeek.Monday, new TimeOnly(8, 0));

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>Parses <c>HH:mm</c> or <c>Ddd HH:mm</c> (English three-letter day); null when it is neither.</summary>
    public static DeliveryAt? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 1 && TryParseTime(parts[0], out var time))
        {
            return new DeliveryAt(null, time);
        }

        if (parts.Length == 2 && TryParseTime(parts[1], out time))
        {
            var day = Array.FindIndex(DayNames, d => string.Equals(d, parts[0].Length >= 3 ? parts[0][..3] : parts[0], StringComparison.OrdinalIgnoreCase));
            return day >= 0 ? new DeliveryAt((DayOfWeek)day, time) : null;
        }

        return null;
    }

    /// <summary>Parses <c>HH:mm</c> (00:00 to 23:59).</summary>
    public static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <inheritdoc />
    public override string ToString() =>
        (Day is { } d ? DayNames[(int)d] + " " : string.Empty) + Time.ToString("HH:mm", CultureInfo.InvariantCulture);
}

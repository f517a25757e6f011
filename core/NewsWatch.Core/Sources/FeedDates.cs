using System.Globalization;
using System.Text.RegularExpressions;

namespace NewsWatch.Core.Sources;

/// <summary>
/// Parses feed dates: RFC 822 (RSS <c>pubDate</c>, with the time-zone names feeds really use: GMT, EST, CEST, MSK, JST,
/// ...) and ISO 8601 (<c>dc:date</c>, Atom <c>published</c>/<c>updated</c>). Results are UTC; an unknown zone name is
/// taken as UTC; an unreadable date is null.
/// </summary>
internal static partial class FeedDates
{
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["WET"] = TimeSpan.Zero, ["WEST"] = TimeSpan.FromHours(1), ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1), ["CEST"] = TimeSpan.FromHours(2), ["MET"] = TimeSpan.FromHours(1), ["MEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3), ["MSK"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0), ["PKT"] = TimeSpan.FromHours(5), ["WIB"] = TimeSpan.FromHours(7),
        ["HKT"] = TimeSpan.FromHours(8), ["SGT"] = TimeSpan.FromHours(8), ["AWST"] = TimeSpan.FromHours(8),
        ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9),
        ["AEST"] = TimeSpan.FromHours(10), ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12), ["NZDT"] = TimeSpan.FromHours(13),
        ["AST"] = TimeSpan.FromHours(-4), ["ADT"] = TimeSpan.FromHours(-3),
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9), ["AKDT"] = TimeSpan.FromHours(-8), ["HST"] = TimeSpan.FromHours(-10),
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The date in <paramref name="text"/> as UTC, or null.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var match = Rfc822Regex().Match(trimmed);
        if (match.Success)
        {
            return FromRfc822(match);
        }

        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    private static DateTimeOffset? FromRfc822(Match match)
    {
        var month = Array.IndexOf(Months, match.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100)
        {
            year += year < 50 ? 2000 : 1900;
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (month == 0 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
        {
            return null;
        }

        var offset = ZoneOffset(match.Groups["zone"].Value);
        return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset).ToUniversalTime();
    }

    private static TimeSpan ZoneOffset(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
            var minutes = int.Parse(digits[2..], CultureInfo.InvariantCulture);
            var offset = new TimeSpan(hours, minutes, 0);
            return offset > TimeSpan.FromHours(14) ? TimeSpan.Zero : zone[0] == '-' ? -offset : offset;
        }

        return Zones.TryGetValue(zone, out var named) ? named : TimeSpan.Zero;
    }

    [GeneratedRegex(
        """^(?:[A-Za-z]{2,9}\.?,?\s*)?(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{4}|\d{2})\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\.\d+)?(?:\s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}))?\b""",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822Regex();
}

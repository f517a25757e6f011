using System.Globalization;
using NewsWatch.Core.Configuration;

namespace NewsWatch.Core.Delivery;

/// <summary>
/// Which digest a subscriber is due, in the subscriber's time zone: the latest slot start at or before now (the top of
/// the hour for hourly digests and held instant alerts, <c>at</c> for daily, <c>Mon 08:00</c>-style for weekly); the
/// digest of that slot takes the items that arrived before it. DST: a local time that does not exist on a
/// spring-forward day is the first instant after the gap; of a repeated hour the first is taken, and hourly slots
/// carry the UTC offset in their key so the two repeated hours are two slots.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The slot due at <paramref name="now"/>, or null (an instant subscriber inside quiet hours).</summary>
    public static DigestSlot? Due(Subscriber subscriber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var zone = subscriber.TimeZone;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        switch (subscriber.Delivery)
        {
            case DeliveryMode.Instant when subscriber.QuietHours?.Contains(TimeOnly.FromDateTime(local.DateTime)) == true:
                return null;
            case DeliveryMode.Instant:
            case DeliveryMode.Hourly:
            {
                var utc = now.UtcDateTime;
                var hourStart = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
                var localHour = TimeZoneInfo.ConvertTime(hourStart, zone);
                return new DigestSlot(
                    "h" + localHour.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture) + localHour.ToString("zzz", CultureInfo.InvariantCulture),
                    hourStart);
            }

            case DeliveryMode.Daily:
            {
                var at = (subscriber.At ?? DeliveryAt.DailyDefault).Time;
                var day = DateOnly.FromDateTime(local.DateTime);
                if (now < LocalInstant(day, at, zone))
                {
                    day = day.AddDays(-1);
                }

                return new DigestSlot("d" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), LocalInstant(day, at, zone));
            }

            default:
            {
                var at = subscriber.At ?? DeliveryAt.WeeklyDefault;
                var today = DateOnly.FromDateTime(local.DateTime);
                var day = today.AddDays(-(((int)today.DayOfWeek - (int)(at.Day ?? DayOfWeek.Monday) + 7) % 7));
                if (now < LocalInstant(day, at.Time, zone))
                {
                    day = day.AddDays(-7);
                }

                return new DigestSlot("w" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), LocalInstant(day, at.Time, zone));
            }
        }
    }

    /// <summary>
    /// The instant of local <paramref name="time"/> on <paramref name="day"/> in <paramref name="zone"/>. In a
    /// spring-forward gap, the first instant after it; in a repeated hour, the first of the two.
    /// </summary>
    public static DateTimeOffset LocalInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

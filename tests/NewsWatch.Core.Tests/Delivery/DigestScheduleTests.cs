using NewsWatch.Core.Configuration;
using NewsWatch.Core.Delivery;

namespace NewsWatch.Core.Tests.Delivery;

/// <summary>Digest slots in the subscriber's zone, across DST changes (Europe/Berlin: 2026-03-29 02:00→03:00, 2026-10-25 03:00→02:00).</summary>
public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Subscriber Daily(TimeZoneInfo zone, string at) =>
        new("desk@example.org", ["*"]) { Delivery = DeliveryMode.Daily, TimeZone = zone, At = DeliveryAt.TryParse(at) };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Due_DailyBeforeAndAfterAt_InTheSubscribersZone()
    {
        var sub = Daily(Berlin, "08:00");

        // 06:59 UTC = 07:59 CET: the slot is still yesterday's; 07:00 UTC = 08:00 CET: today's.
        Assert.Equal(new DigestSlot("d2026-11-24", Utc(11, 24, 7)), DigestSchedule.Due(sub, Utc(11, 25, 6, 59)));
        Assert.Equal(new DigestSlot("d2026-11-25", Utc(11, 25, 7)), DigestSchedule.Due(sub, Utc(11, 25, 7)));
    }

    [Fact]
    public void Due_DailyOnSpringForwardDay_AtInTheGapGoesAtTheFirstInstantAfter()
    {
        var sub = Daily(Berlin, "02:30");

        // 02:30 does not exist on 2026-03-29 in Berlin: 03:00 CEST = 01:00 UTC.
        Assert.Equal(new DigestSlot("d2026-03-28", Utc(3, 28, 1, 30)), DigestSchedule.Due(sub, Utc(3, 29, 0, 59)));
        Assert.Equal(new DigestSlot("d2026-03-29", Utc(3, 29, 1)), DigestSchedule.Due(sub, Utc(3, 29, 1)));
        // The day after, 02:30 CEST = 00:30 UTC.
        Assert.Equal(new DigestSlot("d2026-03-30", Utc(3, 30, 0, 30)), DigestSchedule.Due(sub, Utc(3, 30, 0, 30)));
    }

    [Fact]
    public void Due_DailyOnFallBackDay_RepeatedTimeGoesOnceAtTheFirst()
    {
        var sub = Daily(Berlin, "02:30");

        // 02:30 happens twice on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET). One slot, from the first.
        var first = DigestSchedule.Due(sub, Utc(10, 25, 0, 30));
        var second = DigestSchedule.Due(sub, Utc(10, 25, 1, 30));
        Assert.Equal(new DigestSlot("d2026-10-25", Utc(10, 25, 0, 30)), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Due_HourlyAcrossTheRepeatedHour_IsTwoSlots()
    {
        var sub = new Subscriber("desk@example.org", ["*"]) { Delivery = DeliveryMode.Hourly, TimeZone = Berlin };

        var cest = DigestSchedule.Due(sub, Utc(10, 25, 0, 10))!;
        var cet = DigestSchedule.Due(sub, Utc(10, 25, 1, 10))!;

        Assert.Equal("h2026-10-25T02+02:00", cest.Key);
        Assert.Equal("h2026-10-25T02+01:00", cet.Key);
        Assert.Equal(Utc(10, 25, 1), cet.Cutoff);
    }

    [Fact]
    public void Due_Weekly_LatestOccurrenceOfDayAndTime()
    {
        var sub = new Subscriber("desk@example.org", ["*"]) { Delivery = DeliveryMode.Weekly, TimeZone = NewYork, At = DeliveryAt.TryParse("Mon 08:00") };

        // 2026-11-30 is a Monday; 08:00 EST = 13:00 UTC.
        Assert.Equal(new DigestSlot("w2026-11-23", Utc(11, 23, 13)), DigestSchedule.Due(sub, Utc(11, 30, 12, 59)));
        Assert.Equal(new DigestSlot("w2026-11-30", Utc(11, 30, 13)), DigestSchedule.Due(sub, Utc(11, 30, 13)));
        Assert.Equal(new DigestSlot("w2026-11-30", Utc(11, 30, 13)), DigestSchedule.Due(sub, Utc(12, 6, 23)));
    }

    [Fact]
    public void Due_InstantInsideQuietHours_IsNothing_AfterwardsTheHeldGo()
    {
        var sub = new Subscriber("desk@example.org", ["*"]) { TimeZone = Berlin, QuietHours = QuietHours.TryParse("22:00-07:00") };

        Assert.Null(DigestSchedule.Due(sub, Utc(11, 25, 5, 59)));   // 06:59 CET
        Assert.Equal(Utc(11, 25, 6), DigestSchedule.Due(sub, Utc(11, 25, 6, 0))!.Cutoff); // 07:00 CET
    }
}

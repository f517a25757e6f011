using NewsWatch.Core.Scanning;
using NewsWatch.Core.State;

namespace NewsWatch.Core.Tests.Scanning;

public sealed class SourceStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Uri Url = new("https://news.example.org/world/");

    [Fact]
    public void Of_FailingForUnderSixHours_IsNotFlagged_OverSixHours_IsFailing()
    {
        var recent = Health(lastSuccess: Now.AddHours(-5), failures: 3);
        var old = Health(lastSuccess: Now.AddHours(-7), failures: 3);

        Assert.Null(SourceStatus.Of("s", Url, recent, Now).Alarm);
        Assert.Equal("failing", SourceStatus.Of("s", Url, old, Now).Alarm);
    }

    [Fact]
    public void Of_SourceThatNeverSucceeded_IsFailingSixHoursAfterItsFirstFailure()
    {
        SourceHealth? health = null;
        for (var at = Now.AddHours(-8); at <= Now; at += TimeSpan.FromMinutes(30))
        {
            health = SourceHealthUpdate.Failure("s", health, at, "ServerError", "500");
            var expected = at - Now.AddHours(-8) > TimeSpan.FromHours(6) ? "failing" : null;
            Assert.Equal(expected, SourceStatus.Of("s", Url, health, at).Alarm);
        }

        Assert.Equal(Now.AddHours(-8), health!.FailingSince);
        var recovered = SourceHealthUpdate.Success("s", health, Now, Core.Fetching.FetchOutcome.Ok, 3, 3);
        Assert.Null(recovered.FailingSince);
        Assert.Null(SourceStatus.Of("s", Url, recovered, Now).Alarm);
    }

    [Fact]
    public void Of_NoNewLinkForThreeDays_OrAListingWithNoLinks_IsQuiet()
    {
        Assert.Null(SourceStatus.Of("s", Url, Health(Now, 0) with { LinksFound = 10, LastNewLinkAt = Now.AddDays(-2) }, Now).Alarm);
        Assert.Equal("quiet", SourceStatus.Of("s", Url, Health(Now, 0) with { LinksFound = 10, LastNewLinkAt = Now.AddDays(-4) }, Now).Alarm);
        Assert.Equal("quiet", SourceStatus.Of("s", Url, Health(Now, 0) with { LinksFound = 0, LastNewLinkAt = Now }, Now).Alarm);
        Assert.Null(SourceStatus.Of("s", Url, null, Now).Alarm);
    }

    [Fact]
    public void Failure_BacksOffFromTheSecondFailure_CappedAtTwoHours_AndNeverStops()
    {
        SourceHealth? health = null;
        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 12; i++)
        {
            health = SourceHealthUpdate.Failure("s", health, Now, "ServerError", "500");
            waits.Add(health.NextAttemptAt - Now);
        }

        Assert.Null(waits[0]);
        Assert.Equal(TimeSpan.FromMinutes(5), waits[1]);
        Assert.Equal(TimeSpan.FromMinutes(10), waits[2]);
        Assert.All(waits.Skip(1), w => Assert.InRange(w!.Value, TimeSpan.FromMinutes(5), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), waits[^1]);
        Assert.Equal(12, health!.ConsecutiveFailures);
    }

    [Fact]
    public void Success_KeepsTheNewLinksOfTheLastDay_Only()
    {
        var health = SourceHealthUpdate.Success("s", null, Now.AddHours(-30), Core.Fetching.FetchOutcome.Ok, 5, 5);
        health = SourceHealthUpdate.Success("s", health, Now.AddHours(-2), Core.Fetching.FetchOutcome.Ok, 6, 1);
        health = SourceHealthUpdate.Success("s", health, Now, Core.Fetching.FetchOutcome.NotModified, null, 0);

        Assert.Equal(1, health.NewLinksInLastDay(Now));
        Assert.Equal(6, health.LinksFound);
        Assert.Equal(Now.AddHours(-2), health.LastNewLinkAt);
        Assert.Equal(Now.AddHours(-30), health.FirstScanAt);
    }

    private static SourceHealth Health(DateTimeOffset lastSuccess, int failures) =>
        new("s", lastSuccess.AddDays(-10), Now, lastSuccess, failures > 0 ? "ServerError" : "Ok", failures > 0 ? "500" : null, failures, null)
        {
            LinksFound = 12,
            LastNewLinkAt = lastSuccess,
        };
}

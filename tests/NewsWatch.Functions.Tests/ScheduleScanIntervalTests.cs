using NewsWatch.Functions;

namespace NewsWatch.Functions.Tests;

/// <summary>The interval ScheduleScan spreads hosts over when the host passes no schedule status (schedules under a minute).</summary>
public sealed class ScheduleScanIntervalTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 3, DateTimeKind.Utc);

    [Theory]
    [InlineData("*/5 * * * * *", 5)]
    [InlineData("0 */5 * * * *", 300)]
    [InlineData("*/10 * * * *", 600)]
    [InlineData("00:01:30", 90)]
    public void FromSchedule_Expression_IsTheGapBetweenRuns(string expression, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ScheduleScan.FromSchedule(expression, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a schedule")]
    public void FromSchedule_Unreadable_IsNull(string? expression) =>
        Assert.Null(ScheduleScan.FromSchedule(expression, Now));
}

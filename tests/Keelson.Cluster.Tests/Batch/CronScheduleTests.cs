using Keelson.Cluster.Controllers.Batch;

namespace Keelson.Cluster.Tests.Batch;

public sealed class CronScheduleTests
{
    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static CronSchedule Parse(string schedule, string? zone = null)
    {
        Assert.True(CronSchedule.TryParse(schedule, zone, out var parsed, out var error), error);
        return parsed!;
    }

    [Theory]
    [InlineData("*/15 * * * *", "2025-03-01T10:07:00Z", "2025-03-01T10:15:00Z")]
    [InlineData("*/15 * * * *", "2025-03-01T10:15:00Z", "2025-03-01T10:30:00Z")]
    [InlineData("@hourly", "2025-03-01T10:07:30Z", "2025-03-01T11:00:00Z")]
    [InlineData("@daily", "2025-03-01T10:07:00Z", "2025-03-02T00:00:00Z")]
    [InlineData("@weekly", "2025-03-01T10:07:00Z", "2025-03-02T00:00:00Z")]
    [InlineData("0 9 * * MON-FRI", "2025-03-01T10:00:00Z", "2025-03-03T09:00:00Z")]
    [InlineData("30 2 1 JAN,JUL *", "2025-03-01T00:00:00Z", "2025-07-01T02:30:00Z")]
    [InlineData("5/20 * * * *", "2025-03-01T10:46:00Z", "2025-03-01T11:05:00Z")]
    [InlineData("0 0 29 2 *", "2025-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    public void Next_is_the_first_scheduled_minute_after(string schedule, string after, string expected)
    {
        Assert.Equal(At(expected), Parse(schedule).Next(At(after)));
    }

    [Fact]
    public void Restricted_day_of_month_and_weekday_match_either()
    {
        // The 15th (a Saturday in March 2025) or any Monday: Monday the 3rd comes first.
        Assert.Equal(At("2025-03-03T00:00:00Z"), Parse("0 0 15 * MON").Next(At("2025-03-01T00:00:00Z")));
    }

    [Fact]
    public void Time_zone_moves_the_wall_clock()
    {
        Assert.Equal(At("2025-03-01T08:00:00Z"), Parse("0 9 * * *", "Europe/Berlin").Next(At("2025-03-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("* * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* * * FOO *")]
    [InlineData("*/0 * * * *")]
    public void Invalid_schedules_are_refused(string schedule)
    {
        Assert.False(CronSchedule.TryParse(schedule, null, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Unknown_time_zone_is_refused()
    {
        Assert.False(CronSchedule.TryParse("@daily", "Mars/Olympus", out _, out var error));
        Assert.Contains("unknown time zone", error);
    }
}

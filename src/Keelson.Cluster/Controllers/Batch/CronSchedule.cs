using System.Globalization;

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>
/// A standard five-field cron schedule as Kubernetes accepts in CronJob.spec.schedule (minute hour day-of-month
/// month day-of-week; lists, ranges, steps, month and weekday names, "?" as "*", and the @yearly, @annually,
/// @monthly, @weekly, @daily, @midnight and @hourly macros), evaluated on the wall clock of a time zone. As in
/// cron, when both day fields are restricted a day matches either; when one is "*" both must match.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _dayOfMonthStar;
    private readonly bool _dayOfWeekStar;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(bool[][] fields, bool domStar, bool dowStar, TimeZoneInfo zone)
    {
        (_minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        _dayOfMonthStar = domStar;
        _dayOfWeekStar = dowStar;
        _zone = zone;
    }

    /// <summary>Parses <paramref name="schedule"/> in <paramref name="timeZone"/> (IANA name; null is UTC). False with a reason when invalid.</summary>
    public static bool TryParse(string schedule, string? timeZone, out CronSchedule? result, out string error)
    {
        result = null;
        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrEmpty(timeZone))
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                error = $"unknown time zone {timeZone}";
                return false;
            }
        }
        var text = schedule.Trim() switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            var other => other,
        };
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = $"expected exactly 5 fields, found {parts.Length}: {schedule}";
            return false;
        }
        (int Min, int Max, string[]? Names)[] bounds = [(0, 59, null), (0, 23, null), (1, 31, null), (1, 12, MonthNames), (0, 6, DayNames)];
        var fields = new bool[5][];
        var stars = new bool[5];
        for (var i = 0; i < 5; i++)
        {
            if (!TryParseField(parts[i], bounds[i].Min, bounds[i].Max, bounds[i].Names, out fields[i], out stars[i], out error)) return false;
        }
        result = new CronSchedule(fields, stars[2], stars[4], zone);
        error = "";
        return true;
    }

    /// <summary>The first scheduled time strictly after <paramref name="after"/>, or null within the next five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, _zone).DateTime;
        var start = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var day = start.Date;
        for (var d = 0; d < 5 * 366; d++, day = day.AddDays(1))
        {
            if (!_months[day.Month] || !DayMatches(day)) continue;
            for (var h = day == start.Date ? start.Hour : 0; h < 24; h++)
            {
                if (!_hours[h]) continue;
                for (var m = day == start.Date && h == start.Hour ? start.Minute : 0; m < 60; m++)
                {
                    if (!_minutes[m]) continue;
                    var wall = day.AddHours(h).AddMinutes(m);
                    if (_zone.IsInvalidTime(wall)) continue;
                    var utc = TimeZoneInfo.ConvertTimeToUtc(wall, _zone);
                    var candidate = new DateTimeOffset(utc, TimeSpan.Zero);
                    if (candidate > after) return candidate;
                }
            }
        }
        return null;
    }

    private bool DayMatches(DateTime day)
    {
        var dom = _daysOfMonth[day.Day];
        var dow = _daysOfWeek[(int)day.DayOfWeek];
        return _dayOfMonthStar || _dayOfWeekStar ? dom && dow : dom || dow;
    }

    private static bool TryParseField(string field, int min, int max, string[]? names, out bool[] bits, out bool star, out string error)
    {
        bits = new bool[max + 1];
        star = false;
        foreach (var item in field.Split(','))
        {
            var rangeAndStep = item.Split('/');
            var step = 1;
            if (rangeAndStep.Length > 2 || (rangeAndStep.Length == 2 && (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)))
            {
                error = $"invalid step in {item}";
                return false;
            }
            int first, last;
            if (rangeAndStep[0] is "*" or "?")
            {
                (first, last) = (min, max);
                star = rangeAndStep.Length == 1;
            }
            else
            {
                var range = rangeAndStep[0].Split('-');
                if (range.Length > 2 || !TryValue(range[0], names, min, out first) || !TryValue(range.Length == 2 ? range[1] : range[0], names, min, out last))
                {
                    error = $"failed to parse {item}";
                    return false;
                }
                // "N/step" means from N to the end.
                if (range.Length == 1 && rangeAndStep.Length == 2) last = max;
            }
            if (first < min || last > max || first > last)
            {
                error = $"{item}: out of range [{min}, {max}]";
                return false;
            }
            for (var v = first; v <= last; v += step) bits[v] = true;
        }
        error = "";
        return true;
    }

    private static bool TryValue(string text, string[]? names, int min, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return true;
        var index = names is null ? -1 : Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = index + min;
        return index >= 0;
    }
}

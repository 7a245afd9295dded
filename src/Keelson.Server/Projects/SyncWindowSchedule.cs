using System.Globalization;
using System.Text.Json.Nodes;

namespace Keelson.Server.Projects;

/// <summary>
/// A project's sync window (<c>{kind, schedule, duration, timeZone, applications, namespaces, clusters, …}</c>) as
/// Argo CD reads it: a five-field cron schedule (robfig/cron's standard parser: numbers, <c>*</c>, ranges, lists and
/// steps), a Go duration (<c>1h30m</c>), and open for <c>duration</c> after each time the schedule fires.
/// </summary>
internal static class SyncWindowSchedule
{
    /// <summary>What is wrong with a window, as Argo CD's <c>SyncWindow.Validate</c> and <c>ValidateProject</c> see it.</summary>
    public static IReadOnlyList<string> Problems(JsonObject window)
    {
        var problems = new List<string>();
        var kind = window["kind"]?.ToString() ?? "";
        if (kind is not ("allow" or "deny")) problems.Add($"kind '{kind}': must be allow or deny");
        var schedule = window["schedule"]?.ToString() ?? "";
        if (Cron.Parse(schedule, out var error) is null) problems.Add($"schedule '{schedule}': {error}");
        var duration = window["duration"]?.ToString() ?? "";
        if (ParseDuration(duration) is null) problems.Add($"duration '{duration}': a Go duration such as 1h, 30m or 1h30m is required");
        if (window["timeZone"]?.ToString() is { Length: > 0 } zone && Zone(zone) is null) problems.Add($"timeZone '{zone}': not a known time zone");
        if (new[] { "applications", "namespaces", "clusters" }.All(f => window[f] is not JsonArray { Count: > 0 }))
            problems.Add("one of applications, namespaces or clusters is required");
        return problems;
    }

    /// <summary>Whether the window is open at <paramref name="now"/>: the schedule fired less than <c>duration</c> ago. False for an invalid window.</summary>
    public static bool IsActive(JsonObject window, DateTimeOffset now)
    {
        var cron = Cron.Parse(window["schedule"]?.ToString() ?? "", out _);
        var duration = ParseDuration(window["duration"]?.ToString() ?? "");
        var zone = window["timeZone"]?.ToString() is { Length: > 0 } z ? Zone(z) : TimeZoneInfo.Utc;
        if (cron is null || duration is not { } length || zone is null) return false;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var minute = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        // The first firing after (now - duration), robfig's Next, must not be later than now.
        var earliest = local.DateTime - length;
        for (var t = minute; t > earliest; t = t.AddMinutes(-1))
        {
            if (cron.Matches(t)) return true;
        }
        return false;
    }

    /// <summary>Go's <c>time.ParseDuration</c> for h, m, s (and ms): <c>1h</c>, <c>90m</c>, <c>1h30m</c>; null when unreadable or not positive.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (text.Length == 0) return null;
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (!double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            total += text[unitStart..i] switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero) return null;
        }
        return total > TimeSpan.Zero ? total : null;
    }

    private static TimeZoneInfo? Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private sealed class Cron
    {
        private readonly bool[][] _fields;
        private readonly bool _domStar;
        private readonly bool _dowStar;

        private Cron(bool[][] fields, bool domStar, bool dowStar) => (_fields, _domStar, _dowStar) = (fields, domStar, dowStar);

        private static readonly (int Min, int Max, string Name)[] Ranges = [(0, 59, "minute"), (0, 23, "hour"), (1, 31, "day of month"), (1, 12, "month"), (0, 6, "day of week")];

        public static Cron? Parse(string schedule, out string error)
        {
            error = "";
            var parts = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 5)
            {
                error = $"a cron schedule has 5 fields (minute hour day-of-month month day-of-week), found {parts.Length}";
                return null;
            }
            var fields = new bool[5][];
            for (var f = 0; f < 5; f++)
            {
                var (min, max, name) = Ranges[f];
                fields[f] = new bool[max + 1];
                foreach (var item in parts[f].Split(','))
                {
                    if (!Mark(item, min, max, fields[f]))
                    {
                        error = $"the {name} field '{parts[f]}' is not a number, range, list or step between {min} and {max}";
                        return null;
                    }
                }
            }
            return new Cron(fields, parts[2] is "*" or "?", parts[4] is "*" or "?");
        }

        public bool Matches(DateTime t)
        {
            if (!_fields[0][t.Minute] || !_fields[1][t.Hour] || !_fields[3][t.Month]) return false;
            var dom = _fields[2][t.Day];
            var dow = _fields[4][(int)t.DayOfWeek];
            return _domStar || _dowStar ? dom && dow : dom || dow;
        }

        private static bool Mark(string item, int min, int max, bool[] marks)
        {
            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0) return false;
                item = item[..slash];
            }
            int low, high;
            if (item is "*" or "?") (low, high) = (min, max);
            else if (item.Split('-') is [var a, var b] && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out low)
                && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out high)) { }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out low)) high = slash >= 0 ? max : low;
            else return false;
            if (max == 6 && high == 7) high = 6; // Sunday may be written 7.
            if (low < min || high > max || low > high) return false;
            for (var v = low; v <= high; v += step) marks[v] = true;
            return true;
        }
    }
}

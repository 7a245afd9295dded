using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Cronos;
using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Model;

/// <summary>
/// One entry of an AppProject's <c>spec.syncWindows</c>: a period, starting at each occurrence of a 5-field cron
/// <see cref="Schedule"/> (in <see cref="TimeZone"/>, UTC when empty or unknown) and lasting <see cref="Duration"/>
/// (a Go duration), in which syncs of the Applications it names are allowed or denied.
/// </summary>
public sealed partial record SyncWindow
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    public string Kind { get; init; } = "";

    public string Schedule { get; init; } = "";

    public string Duration { get; init; } = "";

    public List<string>? Applications { get; init; }

    public List<string>? Namespaces { get; init; }

    public List<string>? Clusters { get; init; }

    /// <summary>Manual syncs are let through while the window would otherwise block them.</summary>
    public bool ManualSync { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>Applications, clusters and namespaces must all match (AND) instead of any one of them (OR).</summary>
    [JsonPropertyName("andOperator")]
    public bool UseAndOperator { get; init; }

    public string? Description { get; init; }

    public bool SyncOverrun { get; init; }

    /// <summary>What is wrong with the window, as Argo CD words it; null when it is valid.</summary>
    public string? Validate()
    {
        if (Kind is not (Allow or Deny)) return $"kind '{Kind}' mismatch: can only be allow or deny";
        if (ParseSchedule(out var error) is null) return error;
        if (ParseDuration() is null) return $"cannot parse duration '{Duration}': not a duration such as 1h or 30m";
        return null;
    }

    /// <summary>
    /// Whether the window is open at <paramref name="now"/>: an occurrence of the schedule fell in the
    /// <see cref="Duration"/> before it. Throws <see cref="FormatException"/> for a window that does not
    /// <see cref="Validate"/>.
    /// </summary>
    public bool IsActiveAt(DateTimeOffset now)
    {
        var schedule = ParseSchedule(out var error) ?? throw new FormatException(error);
        var duration = ParseDuration() ?? throw new FormatException($"cannot parse duration '{Duration}'");
        var started = schedule.GetNextOccurrence(now - duration, Zone());
        return started is { } start && start < now;
    }

    /// <summary>
    /// Whether the window is assigned to an Application: its name matches one of <see cref="Applications"/>, its
    /// destination (name or server) one of <see cref="Clusters"/>, or its destination namespace one of
    /// <see cref="Namespaces"/> (all of those that are set, with <see cref="UseAndOperator"/>). Globs with <c>*</c>.
    /// </summary>
    public bool AppliesTo(string application, ApplicationDestination destination)
    {
        var criteria = new List<bool>();
        if (Applications is { Count: > 0 }) criteria.Add(Applications.Any(p => ApplicationReconciler.Glob(p, application)));
        if (Clusters is { Count: > 0 })
        {
            criteria.Add(Clusters.Any(p => (!string.IsNullOrEmpty(destination.Name) && ApplicationReconciler.Glob(p, destination.Name))
                || (!string.IsNullOrEmpty(destination.Server) && ApplicationReconciler.Glob(p, destination.Server))));
        }
        if (Namespaces is { Count: > 0 }) criteria.Add(Namespaces.Any(p => ApplicationReconciler.Glob(p, destination.Namespace ?? "")));
        if (criteria.Count == 0) return false;
        return UseAndOperator ? criteria.All(c => c) : criteria.Any(c => c);
    }

    private CronExpression? ParseSchedule(out string error)
    {
        error = "";
        try
        {
            return CronExpression.Parse(Schedule.Trim(), CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            error = $"cannot parse schedule '{Schedule}': {ex.Message}";
            return null;
        }
    }

    /// <summary>Go's time.ParseDuration: one or more number-and-unit pairs (ns, us, µs, ms, s, m, h), or 0.</summary>
    private TimeSpan? ParseDuration()
    {
        var text = Duration.Trim();
        if (text == "0") return TimeSpan.Zero;
        if (!GoDuration().IsMatch(text)) return null;
        var total = TimeSpan.Zero;
        foreach (Match m in GoDurationPart().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                "ms" => TimeSpan.FromMilliseconds(n),
                "us" or "µs" => TimeSpan.FromMicroseconds(n),
                _ => TimeSpan.FromTicks((long)(n / 100)),
            };
        }
        return total;
    }

    /// <summary>The window's time zone; UTC when it names none or one this machine does not know (as Argo CD falls back).</summary>
    private TimeZoneInfo Zone()
    {
        if (string.IsNullOrWhiteSpace(TimeZone)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    [GeneratedRegex(@"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex GoDurationPart();
}

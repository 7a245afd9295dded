using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

/// <summary>
/// The query of <c>…/logs</c> and <c>…/pods/{podName}/logs</c> (Argo CD's ApplicationPodLogsQuery), checked: a
/// number, flag or time that does not parse is refused with a message naming the parameter. A pod name (in the path
/// or <c>podName</c>) selects that pod alone, as <c>kind=Pod&amp;resourceName=…</c> would.
/// </summary>
internal sealed record PodLogQuery
{
    public string Namespace { get; init; } = "";

    public string Container { get; init; } = "";

    public long? SinceSeconds { get; init; }

    public DateTimeOffset? SinceTime { get; init; }

    public DateTimeOffset? UntilTime { get; init; }

    public long? TailLines { get; init; }

    public bool Follow { get; init; }

    public bool Previous { get; init; }

    /// <summary>Only lines containing it (without it, when it starts with <c>!</c>); case-insensitive unless <see cref="MatchCase"/>.</summary>
    public string Filter { get; init; } = "";

    public bool MatchCase { get; init; }

    public string Kind { get; init; } = "";

    public string Group { get; init; } = "";

    public string ResourceName { get; init; } = "";

    /// <summary>The pod named by the path or <c>podName</c>, if any.</summary>
    public string PodName { get; init; } = "";

    public static (PodLogQuery? Query, string? Error) From(IQueryCollection query, string? podInPath)
    {
        var errors = new List<string>();
        var podName = podInPath ?? query["podName"].ToString();
        var result = new PodLogQuery
        {
            Namespace = query["namespace"].ToString(),
            Container = query["container"].ToString(),
            SinceSeconds = Number(query, "sinceSeconds", errors),
            SinceTime = Time(query, "sinceTime", errors),
            UntilTime = Time(query, "untilTime", errors),
            TailLines = Number(query, "tailLines", errors),
            Follow = Flag(query, "follow", errors),
            Previous = Flag(query, "previous", errors),
            Filter = query["filter"].ToString(),
            MatchCase = Flag(query, "matchCase", errors),
            Kind = podName.Length > 0 ? "Pod" : query["kind"].ToString(),
            Group = podName.Length > 0 ? "" : query["group"].ToString(),
            ResourceName = podName.Length > 0 ? podName : query["resourceName"].ToString(),
            PodName = podName,
        };
        return errors.Count > 0 ? (null, string.Join("; ", errors)) : (result, null);
    }

    /// <summary>Whether a log line passes <see cref="Filter"/>.</summary>
    public bool Passes(string line)
    {
        if (Filter.Length == 0) return true;
        var inverse = Filter[0] == '!';
        var literal = inverse ? Filter[1..] : Filter;
        var contains = line.Contains(literal, MatchCase ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
        return contains != inverse;
    }

    /// <summary>The pods/log query for the cluster: always with timestamps, which each line's time is read from.</summary>
    public string ClusterQuery()
    {
        var parts = new List<string> { "timestamps=true" };
        if (Container.Length > 0) parts.Add("container=" + Uri.EscapeDataString(Container));
        if (Follow) parts.Add("follow=true");
        if (Previous) parts.Add("previous=true");
        // Argo CD passes on only positive values: 0 means "not set".
        if (SinceSeconds > 0) parts.Add("sinceSeconds=" + SinceSeconds.Value.ToString(CultureInfo.InvariantCulture));
        else if (SinceTime is { } since) parts.Add("sinceTime=" + Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        if (TailLines > 0) parts.Add("tailLines=" + TailLines.Value.ToString(CultureInfo.InvariantCulture));
        return string.Join("&", parts);
    }

    private static long? Number(IQueryCollection query, string name, List<string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
        errors.Add($"invalid {name} '{text}': must be a whole number, 0 or more");
        return null;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, List<string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) && text.Contains('T', StringComparison.Ordinal)) return time;
        errors.Add($"invalid {name} '{text}': must be an RFC 3339 time such as 2024-01-02T15:04:05Z");
        return null;
    }

    /// <summary>Go's strconv.ParseBool, as the gateway reads booleans; anything else is an error.</summary>
    private static bool Flag(IQueryCollection query, string name, List<string> errors)
    {
        var text = query[name].ToString();
        switch (text)
        {
            case "" or "0" or "f" or "F" or "false" or "FALSE" or "False":
                return false;
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                return true;
            default:
                errors.Add($"invalid {name} '{text}': must be true or false");
                return false;
        }
    }
}

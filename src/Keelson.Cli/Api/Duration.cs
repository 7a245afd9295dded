using System.Globalization;
using System.Text.RegularExpressions;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>Durations as Argo CD's CLI takes them (Go's: <c>90s</c>, <c>30m</c>, <c>24h</c>, <c>1h30m</c>; also <c>7d</c>; <c>0</c> for never).</summary>
public static partial class Duration
{
    public static long Seconds(string text, string flag)
    {
        if (text == "0") return 0;
        var parts = Part().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
            throw new CliException($"{flag} {text}: expected a duration such as 90s, 30m, 24h, 1h30m or 7d (0: no expiry)");
        return parts.Sum(p => long.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) * p.Groups[2].Value switch
        {
            "d" => 86400,
            "h" => 3600,
            "m" => 60,
            _ => 1,
        });
    }

    [GeneratedRegex(@"(\d+)([dhms])")]
    private static partial Regex Part();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Keelson.Resources;

/// <summary>
/// Go's <c>time.Duration</c> as Kubernetes writes it (<c>meta/v1/Duration</c>, protobuf Durations): <c>0s</c>,
/// <c>1.5s</c>, <c>2m0s</c>, <c>1h0m0s</c>, <c>250ms</c>.
/// </summary>
public static partial class GoDuration
{
    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex Part();

    /// <summary>Go's <c>time.Duration.String</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0) return "0s";
        var negative = nanoseconds < 0;
        var u = negative ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        string text;
        if (u < 1_000_000_000)
        {
            var (unit, suffix) = u < 1_000 ? (1UL, "ns") : u < 1_000_000 ? (1_000UL, "µs") : (1_000_000UL, "ms");
            text = Fraction(u, unit) + suffix;
        }
        else
        {
            const ulong Hour = 3_600_000_000_000, Minute = 60_000_000_000;
            var hours = u / Hour;
            var minutes = u % Hour / Minute;
            var seconds = Fraction(u % Minute, 1_000_000_000) + "s";
            text = hours > 0 ? $"{hours}h{minutes}m{seconds}" : minutes > 0 ? $"{minutes}m{seconds}" : seconds;
        }
        return negative ? "-" + text : text;
    }

    /// <summary>
    /// A duration as Go parses it (<c>time.ParseDuration</c>: number-and-unit pairs, <c>0</c>, a sign) written back as
    /// Go writes it: <c>90s</c> → <c>1m30s</c>, <c>1h</c> → <c>1h0m0s</c>, <c>0.5s</c> → <c>500ms</c>; null when it is not one.
    /// </summary>
    public static string? Canonical(string text)
    {
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        if (s == "0") return "0s";
        if (s.Length == 0) return null;
        decimal nanos = 0;
        var at = 0;
        foreach (Match m in Part().Matches(s))
        {
            if (m.Index != at) return null;
            at = m.Index + m.Length;
            nanos += decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1e3m,
                "ms" => 1e6m,
                "s" => 1e9m,
                "m" => 60e9m,
                _ => 3600e9m,
            };
        }
        return at != s.Length ? null : Format((long)decimal.Truncate(negative ? -nanos : nanos));
    }

    private static string Fraction(ulong value, ulong unit)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var rest = value % unit;
        if (rest == 0) return whole;
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}

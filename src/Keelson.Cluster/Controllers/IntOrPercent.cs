using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers;

/// <summary>intstr.IntOrString as maxSurge, maxUnavailable and partitions use it: a count or a percentage of a total.</summary>
internal static class IntOrPercent
{
    /// <summary>
    /// The value scaled against <paramref name="total"/> (intstr.GetScaledValueFromIntOrPercent): a percentage rounds
    /// up when <paramref name="roundUp"/>, down otherwise; a missing value is <paramref name="fallback"/>.
    /// </summary>
    public static int Scaled(JsonNode? value, int total, bool roundUp, int fallback = 0)
    {
        if (value is not JsonValue v) return fallback;
        if (v.GetValueKind() == JsonValueKind.Number) return v.TryGetValue<int>(out var n) ? n : (int)v.GetValue<double>();
        var text = v.ToString();
        if (text.EndsWith('%') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var percent))
        {
            var exact = percent * (long)total / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var plain) ? plain : fallback;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// Reads numbers from JSON values whatever their CLR backing: parsed documents hold JsonElements, while values set in
/// code hold an int or a long, and JsonValue.TryGetValue does not convert between those.
/// </summary>
internal static class JsonNumbers
{
    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static double? Double(JsonNode? node) =>
        IsNumber(node) && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The value as a whole number, or null when it is not a number or has a fraction.</summary>
    public static long? Long(JsonNode? node) =>
        IsNumber(node) && long.TryParse(node!.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : Double(node) is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e18 ? (long)d : null;
}

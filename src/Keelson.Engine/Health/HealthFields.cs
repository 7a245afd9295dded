using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// Lenient readers over the fields health rules use. Like a typed Kubernetes client, an absent or mistyped field
/// reads as the type's zero value (0, false, null) unless a default is given.
/// </summary>
internal static class HealthFields
{
    public static long Int(JsonObject obj, params string[] path) => IntOrNull(obj, path) ?? 0;

    public static long? IntOrNull(JsonObject obj, params string[] path) => obj.GetPath(path) switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    public static string? String(JsonObject obj, params string[] path) =>
        obj.GetPath(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Bool(JsonObject obj, params string[] path) =>
        obj.GetPath(path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static JsonArray? Array(JsonObject obj, params string[] path) => obj.GetPath(path) as JsonArray;

    /// <summary>The objects of the array at a path; none when it is absent.</summary>
    public static IEnumerable<JsonObject> Objects(JsonObject obj, params string[] path) =>
        Array(obj, path)?.OfType<JsonObject>() ?? [];

    /// <summary>The first condition of a type in <c>status.conditions</c>, or null.</summary>
    public static JsonObject? Condition(JsonObject obj, string type) =>
        Objects(obj, "status", "conditions").FirstOrDefault(c => c.GetString("type") == type);

    /// <summary>An RFC 3339 timestamp at a path, or null when absent or unparsable.</summary>
    public static DateTimeOffset? Time(JsonObject obj, params string[] path) =>
        String(obj, path) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

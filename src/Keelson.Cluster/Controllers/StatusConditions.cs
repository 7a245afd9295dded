using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>Reads and sets status.conditions entries the way Kubernetes controllers do.</summary>
internal static class StatusConditions
{
    /// <summary>RFC 3339 at second precision, as metav1.Time serialises.</summary>
    public static DateTimeOffset? ParseTimestamp(JsonNode? node) =>
        node?.ToString() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static JsonObject? Find(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);

    public static bool IsTrue(JsonObject? status, string type) => Find(status, type)?.GetString("status") == "True";

    /// <summary>
    /// Sets a condition; lastTransitionTime moves only when the status flips. <paramref name="probeTime"/> adds
    /// lastProbeTime as Job conditions carry it. Returns the condition.
    /// </summary>
    public static JsonObject Set(JsonObject status, string type, bool value, string reason, string message, DateTimeOffset now, bool probeTime = false)
    {
        var conditions = status["conditions"] as JsonArray;
        if (conditions is null) status["conditions"] = conditions = [];
        var text = value ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
        var stamp = KubeTime.Format(now);
        if (existing is null)
        {
            existing = new JsonObject { ["type"] = type, ["status"] = text };
            if (probeTime) existing["lastProbeTime"] = stamp;
            existing["lastTransitionTime"] = stamp;
            conditions.Add(existing);
        }
        else if (existing.GetString("status") != text)
        {
            existing["status"] = text;
            existing["lastTransitionTime"] = stamp;
            if (probeTime) existing["lastProbeTime"] = stamp;
        }
        existing["reason"] = reason;
        existing["message"] = message;
        return existing;
    }
}

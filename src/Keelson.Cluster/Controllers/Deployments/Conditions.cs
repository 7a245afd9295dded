using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

/// <summary>Deployment status conditions, set with the rules of deployment_util.SetDeploymentCondition.</summary>
internal static class Conditions
{
    public static JsonObject Make(TimeProvider time, string type, string status, string reason, string message)
    {
        var now = KubeTime.Format(time.GetUtcNow());
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    public static JsonObject? Find(JsonObject d, string type) => InStatus(d["status"] as JsonObject, type);

    public static JsonObject? InStatus(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);

    /// <summary>
    /// Sets a condition in a status: nothing changes when status and reason are the same; a condition whose status
    /// stays keeps its lastTransitionTime.
    /// </summary>
    public static void Set(JsonObject status, JsonObject condition)
    {
        var current = InStatus(status, condition.GetString("type")!);
        if (current is not null && current.GetString("status") == condition.GetString("status") && current.GetString("reason") == condition.GetString("reason")) return;
        if (current is not null && current.GetString("status") == condition.GetString("status"))
        {
            condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
        }
        Remove(status, condition.GetString("type")!);
        ((JsonArray)(status["conditions"] ??= new JsonArray())).Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        if (status["conditions"] is not JsonArray list) return;
        var keep = list.OfType<JsonObject>().Where(c => c.GetString("type") != type).Select(c => c.DeepClone()).ToArray();
        status["conditions"] = new JsonArray(keep);
    }
}

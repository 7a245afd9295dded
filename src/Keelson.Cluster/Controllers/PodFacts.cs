using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>What controllers read from a pod's status and metadata.</summary>
internal static class PodFacts
{
    public static string Phase(JsonObject pod) => pod.GetPath("status", "phase")?.ToString() ?? "Pending";

    public static bool IsTerminal(JsonObject pod) => Phase(pod) is "Succeeded" or "Failed";

    public static bool IsDeleting(JsonObject obj) => obj.GetPath("metadata", "deletionTimestamp") is not null;

    public static bool IsReady(JsonObject pod) =>
        (pod.GetPath("status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True") == true;

    /// <summary>The ownerReference with controller: true, if any.</summary>
    public static JsonObject? ControllerRef(JsonObject obj) =>
        (obj.GetPath("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);

    /// <summary>An ownerReference to <paramref name="owner"/> as its controller.</summary>
    public static JsonObject OwnerReference(JsonObject owner) => new()
    {
        ["apiVersion"] = owner.GetApiVersion(),
        ["kind"] = owner.GetKind(),
        ["name"] = owner.GetName(),
        ["uid"] = owner.GetUid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static bool HasFinalizer(JsonObject obj, string finalizer) =>
        (obj.GetPath("metadata", "finalizers") as JsonArray)?.Any(f => f?.ToString() == finalizer) == true;

    public static int Int(JsonNode? node, int fallback = 0) =>
        node is JsonValue v && v.TryGetValue<int>(out var n) ? n : node is JsonValue d && d.TryGetValue<double>(out var x) ? (int)x : fallback;

    public static int? IntOrNull(JsonNode? node) => node is null ? null : Int(node);

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers;

/// <summary>What controllers read from a pod's status, with the same rules as k8s.io/kubernetes/pkg/api/v1/pod.</summary>
internal static class PodState
{
    /// <summary>Not terminating and not finished: counts towards a controller's replicas.</summary>
    public static bool IsActive(JsonObject pod) =>
        pod.GetPath("metadata", "deletionTimestamp") is null && Phase(pod) is not ("Succeeded" or "Failed");

    public static string Phase(JsonObject pod) => pod.GetPath("status", "phase")?.ToString() ?? "Pending";

    public static bool IsRunning(JsonObject pod) => Phase(pod) == "Running";

    /// <summary>The pod's Ready condition is True.</summary>
    public static bool IsReady(JsonObject pod) => ReadyCondition(pod)?.GetString("status") == "True";

    /// <summary>Ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod)) return false;
        if (minReadySeconds <= 0) return true;
        var since = ReadySince(pod);
        return since is not null && since.Value.AddSeconds(minReadySeconds) <= now;
    }

    /// <summary>When the Ready condition last changed, if the pod is ready.</summary>
    public static DateTimeOffset? ReadySince(JsonObject pod) =>
        ReadyCondition(pod)?.GetString("lastTransitionTime") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static string? NodeName(JsonObject pod) => pod.GetPath("spec", "nodeName")?.ToString() is { Length: > 0 } n ? n : null;

    public static string? PodIP(JsonObject pod) => pod.GetPath("status", "podIP")?.ToString() is { Length: > 0 } ip ? ip : null;

    public static int RestartCount(JsonObject pod) =>
        (pod.GetPath("status", "containerStatuses") as JsonArray)?.OfType<JsonObject>()
            .Sum(c => c["restartCount"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0) ?? 0;

    public static DateTimeOffset Created(JsonObject obj) =>
        obj.GetPath("metadata", "creationTimestamp")?.ToString() is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue;

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        (pod.GetPath("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "Ready");
}

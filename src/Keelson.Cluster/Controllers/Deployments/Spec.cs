using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

/// <summary>Reads of Deployment and ReplicaSet specs and statuses (deployment_util.go's helpers).</summary>
internal static class Spec
{
    public static int Replicas(JsonObject obj) => Int(obj.GetPath("spec", "replicas")) ?? 1;

    public static int Status(JsonObject obj, string field) => Int(obj.GetPath("status", field)) ?? 0;

    public static bool Paused(JsonObject d) => d.GetPath("spec", "paused") is JsonValue v && v.TryGetValue<bool>(out var p) && p;

    public static bool IsRecreate(JsonObject d) => d.GetPath("spec", "strategy", "type")?.ToString() == "Recreate";

    public static int MinReadySeconds(JsonObject obj) => Int(obj.GetPath("spec", "minReadySeconds")) ?? 0;

    /// <summary>spec.progressDeadlineSeconds unless unset or "infinite" (MaxInt32).</summary>
    public static int? ProgressDeadline(JsonObject d) => Int(d.GetPath("spec", "progressDeadlineSeconds")) is { } s && s != int.MaxValue ? s : null;

    /// <summary>maxSurge and maxUnavailable as counts (ResolveFenceposts): surge rounds up, unavailable down, never both 0.</summary>
    public static (int Surge, int Unavailable) Fenceposts(JsonObject d)
    {
        if (IsRecreate(d)) return (0, 0);
        var rolling = d.GetPath("spec", "strategy", "rollingUpdate") as JsonObject;
        var replicas = Replicas(d);
        var surge = IntOrPercent.Scaled(rolling?["maxSurge"], replicas, roundUp: true, fallback: (int)Math.Ceiling(replicas * 0.25));
        var unavailable = IntOrPercent.Scaled(rolling?["maxUnavailable"], replicas, roundUp: false, fallback: replicas / 4);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    public static int MaxSurge(JsonObject d) => Fenceposts(d).Surge;

    public static int MaxUnavailable(JsonObject d)
    {
        var replicas = Replicas(d);
        if (IsRecreate(d) || replicas == 0) return 0;
        return Math.Min(Fenceposts(d).Unavailable, replicas);
    }

    /// <summary>Two pod templates are the same rollout target when they differ at most in the pod-template-hash label.</summary>
    public static bool EqualIgnoringHash(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonObject x || b is not JsonObject y) return a is null && b is null;
        return JsonNode.DeepEquals(WithoutHash(x), WithoutHash(y));
    }

    public static int? Int(JsonNode? node) => Numbers.Int(node);

    private static JsonObject WithoutHash(JsonObject template)
    {
        if (template.GetPath("metadata", "labels") is not JsonObject labels || !labels.ContainsKey(WorkloadKeys.PodTemplateHash)) return template;
        var copy = (JsonObject)template.DeepClone();
        ((JsonObject)copy.GetPath("metadata", "labels")!).Remove(WorkloadKeys.PodTemplateHash);
        return copy;
    }
}

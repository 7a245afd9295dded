using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// argoproj.io/Rollout (Argo Rollouts), as Argo CD judges one: the phase the Rollouts controller reports when it
/// reports one (Paused is Suspended); otherwise, from its conditions, pause and replica counts, and whether the
/// canary's stable ReplicaSet (or the blue-green active selector) has caught up with the current pods.
/// </summary>
internal static class RolloutHealth
{
    private static HealthResult Progressing(string message) => HealthResult.Of(HealthStatus.Progressing, message);

    public static HealthResult Assess(JsonObject rollout)
    {
        if (!GenerationObserved(rollout))
            return Progressing("Waiting for rollout spec update to be observed");

        if (HealthFields.String(rollout, "status", "phase") is { Length: > 0 } phase)
        {
            var status = phase == "Paused" ? HealthStatus.Suspended : HealthStatusExtensions.ParseArgo(phase);
            return HealthResult.Of(status, HealthFields.String(rollout, "status", "message"));
        }

        foreach (var condition in HealthFields.Objects(rollout, "status", "conditions"))
        {
            var type = condition.GetString("type");
            var reason = condition.GetString("reason");
            if (type == "InvalidSpec" || (type == "Progressing" && reason is "RolloutAborted" or "ProgressDeadlineExceeded"))
                return HealthResult.Of(HealthStatus.Degraded, condition.GetString("message"));
        }

        if (HealthFields.Array(rollout, "status", "pauseConditions") is { Count: > 0 } || HealthFields.Bool(rollout, "spec", "paused"))
            return HealthResult.Of(HealthStatus.Suspended, "Rollout is paused");

        var currentHash = HealthFields.String(rollout, "status", "currentPodHash");
        if (currentHash is null)
            return Progressing("Waiting for rollout to finish: status has not been reconciled.");

        var desired = HealthFields.IntOrNull(rollout, "spec", "replicas") ?? 1;
        var replicas = HealthFields.Int(rollout, "status", "replicas");
        var updated = HealthFields.Int(rollout, "status", "updatedReplicas");
        var available = HealthFields.Int(rollout, "status", "availableReplicas");
        if (updated < desired) return Progressing("Waiting for roll out to finish: More replicas need to be updated");
        if (available < updated) return Progressing("Waiting for roll out to finish: updated replicas are still becoming available");

        var stable = HealthFields.String(rollout, "status", "stableRS") ?? HealthFields.String(rollout, "status", "canary", "stableRS") ?? "";
        if (rollout.GetPath("spec", "strategy", "blueGreen") is JsonObject)
        {
            if (HealthFields.String(rollout, "status", "blueGreen", "activeSelector") != currentHash) return Progressing("active service cutover pending");
            if (stable.Length > 0 && stable != currentHash) return Progressing("waiting for analysis to complete");
        }
        else if (rollout.GetPath("spec", "strategy", "canary") is JsonObject)
        {
            if (replicas > updated) return Progressing("Waiting for roll out to finish: old replicas are pending termination");
            if (stable.Length == 0 || stable != currentHash) return Progressing("Waiting for rollout to finish steps");
        }
        return HealthResult.Of(HealthStatus.Healthy);
    }

    // observedGeneration may be a number or (older Rollouts) a string; one that is unreadable or ahead counts as observed.
    private static bool GenerationObserved(JsonObject rollout)
    {
        if (rollout["status"] is not JsonObject) return false;
        var observedText = rollout.GetPath("status", "observedGeneration")?.ToString();
        if (observedText is null || !long.TryParse(observedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var observed)) return true;
        if (observed < rollout.GetGeneration()) return false;
        if (rollout.GetPath("spec", "workloadRef") is not JsonObject) return true;
        // A Rollout that points at a Deployment's template must also have seen that workload's latest generation.
        return rollout.GetAnnotations().GetValueOrDefault("rollout.argoproj.io/workload-generation") == rollout.GetPath("status", "workloadObservedGeneration")?.ToString();
    }
}

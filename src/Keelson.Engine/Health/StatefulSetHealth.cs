using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>apps/StatefulSet: observed, all pods ready, then judged by its update strategy.</summary>
internal static class StatefulSetHealth
{
    public static HealthResult Assess(JsonObject sts)
    {
        var observed = HealthFields.Int(sts, "status", "observedGeneration");
        if (observed == 0 || sts.GetGeneration() > observed)
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for statefulset spec update to be observed...");

        var desired = HealthFields.IntOrNull(sts, "spec", "replicas") ?? 1;
        var ready = HealthFields.Int(sts, "status", "readyReplicas");
        var updated = HealthFields.Int(sts, "status", "updatedReplicas");
        if (ready < desired)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for {desired - ready} pods to be ready...");

        var strategy = HealthFields.String(sts, "spec", "updateStrategy", "type");
        if (strategy == "RollingUpdate" && sts.GetPath("spec", "updateStrategy", "rollingUpdate") is JsonObject)
        {
            // A partition holds back the pods with an ordinal below it: the rollout is done when the rest are updated.
            if (HealthFields.IntOrNull(sts, "spec", "updateStrategy", "rollingUpdate", "partition") is { } partition && updated < desired - partition)
                return HealthResult.Of(HealthStatus.Progressing, $"Waiting for partitioned roll out to finish: {updated} out of {desired - partition} new pods have been updated...");
            return HealthResult.Of(HealthStatus.Healthy, $"partitioned roll out complete: {updated} new pods have been updated...");
        }

        // With OnDelete the controller never replaces pods itself, so there is no rollout to wait for.
        if (strategy == "OnDelete")
            return HealthResult.Of(HealthStatus.Healthy, $"statefulset has {ready} ready pods");

        var updateRevision = HealthFields.String(sts, "status", "updateRevision") ?? "";
        var currentRevision = HealthFields.String(sts, "status", "currentRevision") ?? "";
        if (updateRevision != currentRevision)
            return HealthResult.Of(HealthStatus.Progressing, $"waiting for statefulset rolling update to complete {updated} pods at revision {updateRevision}...");

        var current = HealthFields.Int(sts, "status", "currentReplicas");
        return HealthResult.Of(HealthStatus.Healthy, $"statefulset rolling update complete {current} pods at revision {currentRevision}...");
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>apps/ReplicaSet: degraded when it cannot create pods, progressing until all replicas are available.</summary>
internal static class ReplicaSetHealth
{
    public static HealthResult Assess(JsonObject replicaSet)
    {
        if (replicaSet.GetGeneration() > HealthFields.Int(replicaSet, "status", "observedGeneration"))
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for rollout to finish: observed replica set generation less than desired generation");

        // ReplicaFailure is True when pods cannot be created (quota, admission); its message says why.
        var failure = HealthFields.Condition(replicaSet, "ReplicaFailure");
        if (failure?.GetString("status") == "True")
            return HealthResult.Of(HealthStatus.Degraded, failure.GetString("message"));

        var desired = HealthFields.IntOrNull(replicaSet, "spec", "replicas") ?? 1;
        var available = HealthFields.Int(replicaSet, "status", "availableReplicas");
        if (available < desired)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for rollout to finish: {available} out of {desired} new replicas are available...");

        return HealthResult.Of(HealthStatus.Healthy);
    }
}

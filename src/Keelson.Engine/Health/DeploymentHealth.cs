using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>apps/Deployment, as Argo CD (and <c>kubectl rollout status</c>) judge a rollout.</summary>
internal static class DeploymentHealth
{
    public static HealthResult Assess(JsonObject deployment)
    {
        if (HealthFields.Bool(deployment, "spec", "paused"))
            return HealthResult.Of(HealthStatus.Suspended, "Deployment is paused");

        // Until the controller has seen the latest spec, the status fields describe an older one.
        if (deployment.GetGeneration() > HealthFields.Int(deployment, "status", "observedGeneration"))
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for rollout to finish: observed deployment generation less than desired generation");

        var progressing = HealthFields.Condition(deployment, "Progressing");
        if (progressing?.GetString("reason") == "ProgressDeadlineExceeded")
            return HealthResult.Of(HealthStatus.Degraded, $"Deployment \"{deployment.GetName()}\" exceeded its progress deadline");

        var desired = HealthFields.IntOrNull(deployment, "spec", "replicas") ?? 1;
        var replicas = HealthFields.Int(deployment, "status", "replicas");
        var updated = HealthFields.Int(deployment, "status", "updatedReplicas");
        var available = HealthFields.Int(deployment, "status", "availableReplicas");

        if (updated < desired)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for rollout to finish: {updated} out of {desired} new replicas have been updated...");
        if (replicas > updated)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for rollout to finish: {replicas - updated} old replicas are pending termination...");
        if (available < updated)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for rollout to finish: {available} of {updated} updated replicas are available...");

        return HealthResult.Of(HealthStatus.Healthy);
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>apps/DaemonSet: every node that should run a pod runs an updated, available one.</summary>
internal static class DaemonSetHealth
{
    public static HealthResult Assess(JsonObject daemonSet)
    {
        if (daemonSet.GetGeneration() > HealthFields.Int(daemonSet, "status", "observedGeneration"))
            return HealthResult.Of(HealthStatus.Progressing, "Waiting for rollout to finish: observed daemon set generation less than desired generation");

        var desired = HealthFields.Int(daemonSet, "status", "desiredNumberScheduled");
        var updated = HealthFields.Int(daemonSet, "status", "updatedNumberScheduled");
        var available = HealthFields.Int(daemonSet, "status", "numberAvailable");

        // With OnDelete old pods stay until someone deletes them, so an incomplete update is not a rollout in progress.
        if (HealthFields.String(daemonSet, "spec", "updateStrategy", "type") == "OnDelete")
            return HealthResult.Of(HealthStatus.Healthy, $"daemon set {updated} out of {desired} new pods have been updated");

        var name = daemonSet.GetName();
        if (updated < desired)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...");
        if (available < desired)
            return HealthResult.Of(HealthStatus.Progressing, $"Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...");

        return HealthResult.Of(HealthStatus.Healthy);
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// policy/PodDisruptionBudget, as Argo CD judges one: a condition that is False is Degraded, except InsufficientPods
/// (too few pods to allow a disruption is a normal state for a small or scaled-down workload); otherwise Healthy once the
/// disruption controller has reported, and waiting until then.
/// </summary>
internal static class PodDisruptionBudgetHealth
{
    public static HealthResult Assess(JsonObject budget)
    {
        HealthResult? result = null;
        foreach (var condition in HealthFields.Objects(budget, "status", "conditions"))
        {
            var reason = condition.GetString("reason");
            if (condition.GetString("status") == "False" && reason != "InsufficientPods")
                return HealthResult.Of(HealthStatus.Degraded, $"PodDisruptionBudget has {reason}");
            result = HealthResult.Of(HealthStatus.Healthy, $"PodDisruptionBudget has {reason}");
        }
        return result ?? HealthResult.Of(HealthStatus.Progressing, "Waiting for status");
    }
}

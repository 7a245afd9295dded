using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// autoscaling/HorizontalPodAutoscaler, from its conditions: the first condition that shows a failure to read the
/// target or its metrics makes it Degraded, the first AbleToScale or ScalingLimited that is True makes it Healthy,
/// and otherwise it is waiting. autoscaling/v2 (and the v2beta versions) keep the conditions in
/// <c>status.conditions</c>; autoscaling/v1 has no such field and carries them as JSON in an annotation.
/// </summary>
internal static class HorizontalPodAutoscalerHealth
{
    private static readonly HashSet<(string Type, string Reason)> Failures =
    [
        ("AbleToScale", "FailedGetScale"),
        ("AbleToScale", "FailedUpdateScale"),
        ("ScalingActive", "FailedGetResourceMetric"),
        ("ScalingActive", "InvalidSelector"),
    ];

    private static HealthResult Waiting => HealthResult.Of(HealthStatus.Progressing, "Waiting to Autoscale");

    public static HealthResult Assess(JsonObject hpa)
    {
        IEnumerable<JsonObject> conditions = HealthFields.Objects(hpa, "status", "conditions");
        if (hpa.GetApiVersion() == "autoscaling/v1" && hpa.GetAnnotations().TryGetValue(ArgoAnnotations.HpaV1Conditions, out var annotation))
        {
            try
            {
                conditions = (JsonNode.Parse(annotation) as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            }
            catch (JsonException e)
            {
                return HealthResult.Of(HealthStatus.Unknown, $"failed to read the {ArgoAnnotations.HpaV1Conditions} annotation: {e.Message}");
            }
        }

        foreach (var condition in conditions)
        {
            var type = condition.GetString("type") ?? "";
            if (Failures.Contains((type, condition.GetString("reason") ?? "")))
                return HealthResult.Of(HealthStatus.Degraded, condition.GetString("message"));
            if (type is "AbleToScale" or "ScalingLimited" && condition.GetString("status") == "True")
                return HealthResult.Of(HealthStatus.Healthy, condition.GetString("message"));
        }
        return Waiting;
    }
}

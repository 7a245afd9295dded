using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Resources;

namespace Keelson.Engine.Health;

/// <summary>
/// autoscaling/HorizontalPodAutoscaler, from its conditions, as Argo CD judges it: any condition that shows a failure
/// to read the target or its metrics makes it Degraded (failures first, wherever they are in the list), else the first
/// AbleToScale or ScalingLimited that is True makes it Healthy, else it is waiting. autoscaling/v2 keeps the conditions
/// in <c>status.conditions</c>; autoscaling/v1 has no such field and carries them as JSON in an annotation. Argo CD
/// reads no other version: v2beta1 and v2beta2 are Unknown, with its message.
/// </summary>
internal static class HorizontalPodAutoscalerHealth
{
    private static readonly HashSet<(string Type, string Reason)> Failures =
    [
        ("AbleToScale", "FailedGetScale"),
        ("AbleToScale", "FailedUpdateScale"),
        ("ScalingActive", "FailedGetResourceMetric"),
        ("ScalingActive", "FailedGetObjectMetric"),
        ("ScalingActive", "FailedGetPodsMetric"),
        ("ScalingActive", "FailedGetExternalMetric"),
        ("ScalingActive", "FailedComputeMetricsReplicas"),
        ("ScalingActive", "InvalidSelector"),
    ];

    private static HealthResult Waiting => HealthResult.Of(HealthStatus.Progressing, "Waiting to Autoscale");

    public static HealthResult Assess(JsonObject hpa)
    {
        var apiVersion = hpa.GetApiVersion();
        if (apiVersion is not ("autoscaling/v1" or "autoscaling/v2"))
            return HealthResult.Of(HealthStatus.Unknown, $"unsupported HPA GVK: {apiVersion}, Kind=HorizontalPodAutoscaler");
        IEnumerable<JsonObject> conditions = HealthFields.Objects(hpa, "status", "conditions");
        // autoscaling/v1 carries them in an annotation; a server that writes status.conditions on v1 anyway (the
        // embedded cluster) is read as well, where Argo CD would wait.
        if (apiVersion == "autoscaling/v1" && hpa.GetAnnotations().TryGetValue(ArgoAnnotations.HpaV1Conditions, out var annotation))
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

        var list = conditions.ToList();
        var failure = list.FirstOrDefault(c => Failures.Contains((c.GetString("type") ?? "", c.GetString("reason") ?? "")));
        if (failure is not null) return HealthResult.Of(HealthStatus.Degraded, failure.GetString("message"));
        var healthy = list.FirstOrDefault(c => c.GetString("type") is "AbleToScale" or "ScalingLimited" && c.GetString("status") == "True");
        return healthy is not null ? HealthResult.Of(HealthStatus.Healthy, healthy.GetString("message")) : Waiting;
    }
}

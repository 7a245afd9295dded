using System.Text.Json.Nodes;
using Keelson.Cluster.Metrics;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// One entry of an HPA's metrics, read from the autoscaling/v2 shape (spec.metrics) or the v1 shape
/// (spec.targetCPUUtilizationPercentage, 80 when absent). Only Resource metrics are computed; other types carry
/// <see cref="Unsupported"/> (the embedded cluster serves no custom or external metrics API).
/// </summary>
public sealed record MetricTarget(string Type, string Resource, string TargetType, int Utilization, long AverageValue, string? Unsupported)
{
    /// <summary>How events and conditions name it: "cpu resource utilization (percentage of request)".</summary>
    public string Description => TargetType == "Utilization" ? $"{Resource} resource utilization (percentage of request)" : $"{Resource} resource";

    public static IReadOnlyList<MetricTarget> Read(JsonObject spec)
    {
        if (spec["metrics"] is not JsonArray { Count: > 0 } metrics)
        {
            return [new MetricTarget("Resource", "cpu", "Utilization", PodFacts.Int(spec["targetCPUUtilizationPercentage"], 80), 0, null)];
        }
        var result = new List<MetricTarget>();
        foreach (var metric in metrics.OfType<JsonObject>())
        {
            var type = metric.GetString("type") ?? "";
            if (type != "Resource")
            {
                result.Add(new MetricTarget(type, "", "", 0, 0, $"unable to get {type} metric: the embedded cluster serves only resource metrics (metrics.k8s.io)"));
                continue;
            }
            var name = metric.GetPath("resource", "name")?.ToString() ?? "cpu";
            var target = metric.GetPath("resource", "target") as JsonObject ?? [];
            var targetType = target.GetString("type") ?? "Utilization";
            var average = SimulatedMetrics.Quantity(target["averageValue"], milli: name == "cpu") ?? 0;
            result.Add(new MetricTarget(type, name, targetType, PodFacts.Int(target["averageUtilization"]), average,
                targetType is "Utilization" or "AverageValue" ? null : $"invalid resource metric target type {targetType}"));
        }
        return result;
    }
}

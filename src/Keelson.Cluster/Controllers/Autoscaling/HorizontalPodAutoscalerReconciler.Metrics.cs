using System.Text.Json.Nodes;
using Keelson.Cluster.Metrics;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Cluster.Controllers.Autoscaling;

internal sealed partial class HorizontalPodAutoscalerReconciler
{
    private sealed record Computed(int Replicas, string MetricName, JsonArray Metrics, int? CpuUtilization);

    /// <summary>
    /// A proposal per metric, the largest winning; sets ScalingActive. Replicas is −1 when no metric could be computed.
    /// </summary>
    private async Task<Computed> ComputeAsync(JsonObject hpa, JsonObject spec, JsonObject status, int currentReplicas, LabelSelector selector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pods = client.List(_pods, hpa.GetNamespace(), selector);
        var targets = MetricTarget.Read(spec);
        var statuses = new JsonArray();
        int best = -1, invalid = 0;
        int? cpuUtilization = null;
        string bestName = "", firstError = "", errorReason = "";
        foreach (var target in targets)
        {
            if (target.Unsupported is { } unsupported)
            {
                invalid++;
                if (firstError.Length == 0) (firstError, errorReason) = (unsupported, $"FailedGet{target.Type}Metric");
                continue;
            }
            var samples = pods.Select(p => Sample(p, target.Resource)).ToList();
            var proposal = target.TargetType == "Utilization"
                ? ReplicaCalculator.ForUtilization(currentReplicas, samples, target.Utilization, options.AutoscalerTolerance, target.Resource)
                : ReplicaCalculator.ForAverageValue(currentReplicas, samples, target.AverageValue, options.AutoscalerTolerance);
            if (proposal.Error is { } error)
            {
                invalid++;
                var message = $"failed to get {target.Resource} utilization: {error}";
                if (firstError.Length == 0) (firstError, errorReason) = (message, "FailedGetResourceMetric");
                await client.Events.RecordAsync(hpa, "Warning", "FailedGetResourceMetric", message, Component, cancellationToken);
                continue;
            }
            var current = new JsonObject();
            if (target.TargetType == "Utilization") current["averageUtilization"] = proposal.Utilization;
            current["averageValue"] = FormatQuantity(target.Resource, proposal.AverageUsage);
            statuses.Add(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject { ["name"] = target.Resource, ["current"] = current },
            });
            if (target.Resource == "cpu" && target.TargetType == "Utilization") cpuUtilization = proposal.Utilization;
            if (proposal.Replicas > best) (best, bestName) = (proposal.Replicas, target.Description);
        }
        if (best < 0)
        {
            StatusConditions.Set(status, "ScalingActive", false, errorReason, $"the HPA was unable to compute the replica count: {firstError}", now);
            await client.Events.RecordAsync(hpa, "Warning", "FailedComputeMetricsReplicas",
                $"invalid metrics ({invalid} invalid out of {targets.Count}), first error is: {firstError}", Component, cancellationToken);
            return new Computed(-1, "", statuses, cpuUtilization);
        }
        StatusConditions.Set(status, "ScalingActive", true, "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {bestName}", now);
        return new Computed(best, bestName, statuses, cpuUtilization);
    }

    private PodSample Sample(JsonObject pod, string resource)
    {
        var cpu = resource == "cpu";
        var usage = metrics.ForPod(pod);
        long? request = 0;
        foreach (var container in (pod.GetPath("spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var value = SimulatedMetrics.Quantity(container.GetPath("resources", "requests", resource), milli: cpu);
            request = value is null ? null : request + value;
            if (request is null) break;
        }
        return new PodSample(
            pod.GetNameOrEmpty(),
            PodFacts.Phase(pod),
            PodFacts.IsReady(pod),
            PodFacts.IsDeleting(pod),
            usage.Count == 0 ? null : usage.Sum(c => cpu ? c.CpuMillis : c.MemoryBytes),
            request);
    }
}

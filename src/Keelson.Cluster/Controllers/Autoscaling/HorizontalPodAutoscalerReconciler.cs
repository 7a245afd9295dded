using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Metrics;
using Keelson.Resources;
using Keelson.Resources.Selection;

namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>One evaluation of one HPA, in the order of Kubernetes' reconcileAutoscaler.</summary>
internal sealed partial class HorizontalPodAutoscalerReconciler(ClusterClient client, SimulatedMetrics metrics, SimulationOptions options)
{
    private const string Component = HorizontalPodAutoscalerController.Component;
    private readonly ResourceType _hpas = client.Type("autoscaling", "v2", "horizontalpodautoscalers");
    private readonly ResourceType _pods = client.Type("", "v1", "pods");
    private readonly ConcurrentDictionary<NamespacedName, ScaleHistory> _history = new();

    public async Task SyncAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        var hpa = client.Get(_hpas, key.Namespace, key.Name);
        if (hpa is null || PodFacts.IsDeleting(hpa))
        {
            _history.TryRemove(key, out _);
            return;
        }
        var history = _history.GetOrAdd(key, _ => new ScaleHistory());
        var now = client.Time.GetUtcNow();
        var spec = hpa["spec"] as JsonObject ?? [];
        var status = (JsonObject)(hpa["status"]?.DeepClone() ?? new JsonObject());
        status["observedGeneration"] = hpa.GetGeneration();

        // The target's scale.
        var target = ReadScale(spec, key.Namespace, out var scaleError);
        if (target is null)
        {
            StatusConditions.Set(status, "AbleToScale", false, "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {scaleError}", now);
            await client.Events.RecordAsync(hpa, "Warning", "FailedGetScale", scaleError!, Component, cancellationToken);
            await WriteStatusAsync(hpa, status, cancellationToken);
            return;
        }
        var (targetType, targetObject, currentReplicas, selector) = target.Value;
        StatusConditions.Set(status, "AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the target's current scale", now);

        var minReplicas = PodFacts.Int(spec["minReplicas"], 1);
        var maxReplicas = PodFacts.Int(spec["maxReplicas"], minReplicas);
        var desired = currentReplicas;
        var reason = "";
        JsonArray? currentMetrics = null;
        int? cpuUtilization = null;
        if (currentReplicas == 0 && minReplicas != 0)
        {
            StatusConditions.Set(status, "ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", now);
        }
        else if (currentReplicas > maxReplicas)
        {
            (desired, reason) = (maxReplicas, "Current number of replicas above Spec.MaxReplicas");
        }
        else if (currentReplicas < minReplicas)
        {
            (desired, reason) = (minReplicas, "Current number of replicas below Spec.MinReplicas");
        }
        else
        {
            var computed = await ComputeAsync(hpa, spec, status, currentReplicas, selector, now, cancellationToken);
            currentMetrics = computed.Metrics;
            cpuUtilization = computed.CpuUtilization;
            if (computed.Replicas < 0)
            {
                // No metric could be computed: report what was seen and leave the scale alone.
                status["currentReplicas"] = currentReplicas;
                SetMetrics(spec, status, currentMetrics, cpuUtilization);
                await WriteStatusAsync(hpa, status, cancellationToken);
                return;
            }
            desired = computed.Replicas;
            reason = desired > currentReplicas ? $"{computed.MetricName} above target" : "All metrics below target";
            var behavior = spec["behavior"] as JsonObject;
            var downWindow = (int)options.DownscaleStabilizationWindow.TotalSeconds;
            var up = ScalingRules.Read(behavior?["scaleUp"] as JsonObject, scaleUp: true, downWindow);
            var down = ScalingRules.Read(behavior?["scaleDown"] as JsonObject, scaleUp: false, downWindow);
            var (stabilized, stabilizedReason, stabilizedMessage) = history.Stabilize(currentReplicas, desired, up, down, now);
            if (stabilized != desired) StatusConditions.Set(status, "AbleToScale", true, stabilizedReason, stabilizedMessage, now);
            else StatusConditions.Set(status, "AbleToScale", true, "ReadyForNewScale", "recommended size matches current size", now);
            var (limited, limitReason, limitMessage) = history.Limit(currentReplicas, stabilized, minReplicas, maxReplicas, up, down, now);
            StatusConditions.Set(status, "ScalingLimited", limited != stabilized, limitReason, limitMessage, now);
            desired = limited;
        }

        if (desired != currentReplicas)
        {
            try
            {
                await UpdateScaleAsync(targetType, targetObject, desired, cancellationToken);
                StatusConditions.Set(status, "AbleToScale", true, "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}", now);
                await client.Events.RecordAsync(hpa, "Normal", "SuccessfulRescale", $"New size: {desired}; reason: {reason}", Component, cancellationToken);
                history.RecordScale(currentReplicas, desired, now);
                status["lastScaleTime"] = KubeTime.Format(now);
            }
            catch (ApiException ex)
            {
                StatusConditions.Set(status, "AbleToScale", false, "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {ex.Message}", now);
                await client.Events.RecordAsync(hpa, "Warning", "FailedRescale", $"New size: {desired}; reason: {reason}; error: {ex.Message}", Component, cancellationToken);
                desired = currentReplicas;
            }
        }
        status["currentReplicas"] = currentReplicas;
        status["desiredReplicas"] = desired;
        SetMetrics(spec, status, currentMetrics, cpuUtilization);
        await WriteStatusAsync(hpa, status, cancellationToken);
    }

    /// <summary>Status in the shape the HPA was written in: v2's currentMetrics, or v1's currentCPUUtilizationPercentage.</summary>
    private static void SetMetrics(JsonObject spec, JsonObject status, JsonArray? currentMetrics, int? cpuUtilization)
    {
        if (spec["metrics"] is JsonArray)
        {
            if (currentMetrics is { Count: > 0 }) status["currentMetrics"] = currentMetrics;
            else status.Remove("currentMetrics");
        }
        else if (cpuUtilization is { } cpu)
        {
            status["currentCPUUtilizationPercentage"] = cpu;
        }
    }

    /// <summary>The target's type, object, spec.replicas and pod selector, through its scale subresource's paths.</summary>
    private (ResourceType Type, JsonObject Object, int Replicas, LabelSelector Selector)? ReadScale(JsonObject spec, string ns, out string? error)
    {
        var reference = spec["scaleTargetRef"] as JsonObject ?? [];
        var kind = reference.GetString("kind") ?? "";
        var name = reference.GetString("name") ?? "";
        var apiVersion = reference.GetString("apiVersion") ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var gvk = new GroupVersionKind(slash < 0 ? "" : apiVersion[..slash], slash < 0 ? apiVersion : apiVersion[(slash + 1)..], kind);
        var type = client.Catalog.FindByKind(gvk);
        if (type?.Scale is not { } scale)
        {
            error = $"no matches for kind \"{kind}\" in group \"{gvk.Group}\" with a scale subresource";
            return null;
        }
        var target = client.Get(type, ns, name);
        if (target is null)
        {
            error = $"{type.GroupResource} \"{name}\" not found";
            return null;
        }
        var replicas = PodFacts.Int(Path(target, scale.SpecReplicasPath), 1);
        var selectorNode = scale.LabelSelectorPath is { } path ? Path(target, path) : null;
        var selector = selectorNode switch
        {
            JsonObject json => LabelSelector.FromJson(json),
            JsonValue text => LabelSelector.Parse(text.ToString()),
            _ => null,
        };
        if (selector is null)
        {
            error = $"{type.GroupResource} \"{name}\" has no pod selector";
            return null;
        }
        error = null;
        return (type, target, replicas, selector);
    }

    private async Task UpdateScaleAsync(ResourceType type, JsonObject target, int replicas, CancellationToken cancellationToken)
    {
        var next = (JsonObject)target.DeepClone();
        var segments = type.Scale!.SpecReplicasPath.TrimStart('.').Split('.');
        var parent = next;
        foreach (var segment in segments[..^1]) parent = parent.EnsureObject(segment);
        parent[segments[^1]] = replicas;
        await client.UpdateAsync(type, next, Component, cancellationToken);
    }

    private static JsonNode? Path(JsonObject obj, string path) => obj.GetPath(path.TrimStart('.').Split('.'));

    private async Task WriteStatusAsync(JsonObject hpa, JsonObject status, CancellationToken cancellationToken)
    {
        if (JsonNode.DeepEquals(hpa["status"], status)) return;
        var next = (JsonObject)hpa.DeepClone();
        next["status"] = status;
        await client.UpdateStatusAsync(_hpas, next, Component, cancellationToken);
    }

    private static string FormatQuantity(string resource, long value) =>
        resource == "cpu" ? value.ToString(CultureInfo.InvariantCulture) + "m"
        : value % (1024 * 1024) == 0 ? (value / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "Mi"
        : value % 1024 == 0 ? (value / 1024).ToString(CultureInfo.InvariantCulture) + "Ki"
        : value.ToString(CultureInfo.InvariantCulture);
}

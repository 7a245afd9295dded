using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Metrics;

/// <summary>
/// What a metrics-server would report for the simulated pods, computed on request. Each container of a Running pod
/// uses a percentage of its request: the live load of its Deployment in the kube-system/keelson-load ConfigMap when
/// set (`keelson cluster load`), else the pod's sim.keelson.dev/cpu and sim.keelson.dev/memory annotations, else an
/// idle 10 % CPU and 30 % memory. A container without a request is measured against a nominal 100m CPU and 128Mi.
/// Deterministic: no noise, so autoscaling is predictable.
/// </summary>
public sealed class SimulatedMetrics(ClusterClient client)
{
    private const long NominalCpuMillis = 100;
    private const long NominalMemoryBytes = 128L * 1024 * 1024;
    private const double IdleCpuPercent = 10;
    private const double IdleMemoryPercent = 30;

    /// <summary>Node overhead (kubelet, runtime) added to the sum of its pods.</summary>
    private const long NodeBaseCpuMillis = 100;
    private const long NodeBaseMemoryBytes = 512L * 1024 * 1024;

    private readonly ResourceType _pods = client.Type("", "v1", "pods");
    private readonly ResourceType _nodes = client.Type("", "v1", "nodes");
    private readonly ResourceType _configMaps = client.Type("", "v1", "configmaps");
    private readonly ResourceType _replicaSets = client.Type("apps", "v1", "replicasets");

    public TimeProvider Time => client.Time;

    /// <summary>Running pods (in a namespace, or all), as metrics-server lists them.</summary>
    public IReadOnlyList<JsonObject> RunningPods(string? ns) =>
        client.List(_pods, ns).Where(p => PodFacts.Phase(p) == "Running" && !PodFacts.IsDeleting(p)).ToList();

    public IReadOnlyList<JsonObject> Nodes() => client.List(_nodes);

    /// <summary>Per-container usage of a pod; empty when it is not Running (no metrics yet).</summary>
    public IReadOnlyList<ContainerUsage> ForPod(JsonObject pod)
    {
        if (PodFacts.Phase(pod) != "Running") return [];
        var (cpuPercent, memoryPercent) = LoadOf(pod);
        var result = new List<ContainerUsage>();
        foreach (var container in (pod.GetPath("spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var cpuRequest = Quantity(container.GetPath("resources", "requests", "cpu"), milli: true);
            var memoryRequest = Quantity(container.GetPath("resources", "requests", "memory"), milli: false);
            result.Add(new ContainerUsage(
                container.GetString("name") ?? "",
                (long)Math.Round((cpuRequest ?? NominalCpuMillis) * cpuPercent / 100),
                (long)Math.Round((memoryRequest ?? NominalMemoryBytes) * memoryPercent / 100),
                cpuRequest,
                memoryRequest));
        }
        return result;
    }

    /// <summary>A node's usage: its running pods plus a fixed overhead.</summary>
    public (long CpuMillis, long MemoryBytes) ForNode(string node)
    {
        var pods = RunningPods(null).Where(p => p.GetPath("spec", "nodeName")?.ToString() == node).SelectMany(ForPod).ToList();
        return (NodeBaseCpuMillis + pods.Sum(c => c.CpuMillis), NodeBaseMemoryBytes + pods.Sum(c => c.MemoryBytes));
    }

    /// <summary>The CPU and memory percentages a pod runs at.</summary>
    public (double Cpu, double Memory) LoadOf(JsonObject pod)
    {
        var annotations = pod.GetAnnotations();
        var cpu = Percent(annotations.GetValueOrDefault(SimulationAnnotations.Cpu)) ?? IdleCpuPercent;
        var memory = Percent(annotations.GetValueOrDefault(SimulationAnnotations.Memory)) ?? IdleMemoryPercent;
        if (DeploymentOf(pod) is { } deployment
            && client.Get(_configMaps, SimulationAnnotations.LoadNamespace, SimulationAnnotations.LoadConfigMap)?["data"] is JsonObject data)
        {
            var prefix = $"{pod.GetNamespace()}.{deployment}.";
            cpu = Percent(data[prefix + "cpu"]?.ToString()) ?? cpu;
            memory = Percent(data[prefix + "memory"]?.ToString()) ?? memory;
        }
        return (cpu, memory);
    }

    /// <summary>"85%" or "85" → 85; null when absent or malformed.</summary>
    public static double? Percent(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim().TrimEnd('%');
        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
    }

    /// <summary>The ConfigMap data key that holds one resource's live load of a Deployment.</summary>
    public static string LoadKey(string ns, string deployment, string resource) => $"{ns}.{deployment}.{resource}";

    /// <summary>The Deployment a pod belongs to: its controller, or its ReplicaSet's controller.</summary>
    private string? DeploymentOf(JsonObject pod)
    {
        if (PodFacts.ControllerRef(pod) is not { } owner) return null;
        if (owner.GetString("kind") == "Deployment") return owner.GetString("name");
        if (owner.GetString("kind") != "ReplicaSet") return null;
        var replicaSet = client.Get(_replicaSets, pod.GetNamespace(), owner.GetString("name") ?? "");
        return replicaSet is not null && PodFacts.ControllerRef(replicaSet) is { } top && top.GetString("kind") == "Deployment" ? top.GetString("name") : null;
    }

    /// <summary>A quantity in millicores (<paramref name="milli"/>) or in units; null when absent or malformed.</summary>
    public static long? Quantity(JsonNode? node, bool milli)
    {
        if (node is null) return null;
        try
        {
            var value = new k8s.Models.ResourceQuantity(node.ToString()).ToDecimal();
            return (long)Math.Ceiling(milli ? value * 1000 : value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}

using System.Text.Json.Nodes;
using k8s.Models;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// What a pod asks of a node, as the scheduler counts it: the larger of the containers' summed requests and the
/// largest init container's request, plus spec.overhead. Cpu in millicores, memory in bytes.
/// </summary>
public readonly record struct PodRequests(long MilliCpu, long Memory)
{
    public static PodRequests Of(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject;
        long cpu = 0, memory = 0;
        foreach (var c in Containers(spec?["containers"]))
        {
            cpu += CpuMillis(c.GetPath("resources", "requests", "cpu"));
            memory += MemoryBytes(c.GetPath("resources", "requests", "memory"));
        }
        foreach (var c in Containers(spec?["initContainers"]))
        {
            cpu = Math.Max(cpu, CpuMillis(c.GetPath("resources", "requests", "cpu")));
            memory = Math.Max(memory, MemoryBytes(c.GetPath("resources", "requests", "memory")));
        }
        if (spec?["overhead"] is JsonObject overhead)
        {
            cpu += CpuMillis(overhead["cpu"]);
            memory += MemoryBytes(overhead["memory"]);
        }
        return new PodRequests(cpu, memory);
    }

    public static PodRequests operator +(PodRequests a, PodRequests b) => new(a.MilliCpu + b.MilliCpu, a.Memory + b.Memory);

    public static PodRequests operator -(PodRequests a, PodRequests b) => new(a.MilliCpu - b.MilliCpu, a.Memory - b.Memory);

    /// <summary>A cpu quantity ("250m", "0.5", "2") in millicores; 0 when absent or unreadable.</summary>
    public static long CpuMillis(JsonNode? quantity) => Parse(quantity) is { } value ? (long)Math.Ceiling(value * 1000) : 0;

    /// <summary>A memory quantity ("128Mi", "1G", "1e9") in bytes; 0 when absent or unreadable.</summary>
    public static long MemoryBytes(JsonNode? quantity) => Parse(quantity) is { } value ? (long)Math.Ceiling(value) : 0;

    private static decimal? Parse(JsonNode? quantity)
    {
        var text = quantity is JsonValue v && v.TryGetValue<string>(out var s) ? s : quantity?.ToJsonString();
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return new ResourceQuantity(text).ToDecimal();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];
}

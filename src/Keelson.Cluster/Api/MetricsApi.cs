using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Metrics;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

/// <summary>
/// metrics.k8s.io/v1beta1 as metrics-server serves it, so `kubectl top pods` and `kubectl top nodes` work: PodMetrics
/// for Running pods and NodeMetrics for nodes, computed from <see cref="SimulatedMetrics"/> on each GET (get and list
/// only; labelSelector honoured). CPU is served in millicores ("850m"), memory in kibibytes ("131072Ki").
/// </summary>
internal sealed class MetricsApi(SimulatedMetrics metrics)
{
    public const string Group = "metrics.k8s.io";
    private const string ApiVersion = "metrics.k8s.io/v1beta1";

    /// <summary>Serves /apis/metrics.k8s.io/v1beta1/… below the group-version (discovery is served with the others).</summary>
    public Task HandleAsync(HttpContext context, string[] segments)
    {
        if (context.Request.Method is not ("GET" or "HEAD")) throw ApiErrors.MethodNotAllowed($"the server does not allow this method on the requested resource");
        var selector = context.Request.Query["labelSelector"].ToString() is { Length: > 0 } text ? LabelSelector.Parse(text) : LabelSelector.Everything;
        JsonObject body = segments[3..] switch
        {
            ["nodes"] => List("NodeMetricsList", metrics.Nodes().Where(n => selector.Matches(n.GetLabels())).Select(NodeMetrics)),
            ["nodes", var name] => metrics.Nodes().FirstOrDefault(n => n.GetName() == name) is { } node ? NodeMetrics(node) : throw NotFound("nodes", name),
            ["pods"] => List("PodMetricsList", Pods(null, selector)),
            ["namespaces", var ns, "pods"] => List("PodMetricsList", Pods(ns, selector)),
            ["namespaces", var ns, "pods", var name] => Pods(ns, LabelSelector.Everything).FirstOrDefault(p => p.GetName() == name) ?? throw NotFound("pods", name),
            _ => throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject()),
        };
        return ResourceHandler.WriteJsonAsync(context, 200, body);
    }

    private IEnumerable<JsonObject> Pods(string? ns, LabelSelector selector) =>
        metrics.RunningPods(ns).Where(p => selector.Matches(p.GetLabels())).Select(PodMetrics);

    private JsonObject PodMetrics(JsonObject pod)
    {
        var containers = new JsonArray();
        foreach (var c in metrics.ForPod(pod))
        {
            containers.Add(new JsonObject { ["name"] = c.Name, ["usage"] = Usage(c.CpuMillis, c.MemoryBytes) });
        }
        return new JsonObject
        {
            ["kind"] = "PodMetrics",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = Metadata(pod),
            ["timestamp"] = Now(),
            ["window"] = "15s",
            ["containers"] = containers,
        };
    }

    private JsonObject NodeMetrics(JsonObject node)
    {
        var (cpu, memory) = metrics.ForNode(node.GetName() ?? "");
        return new JsonObject
        {
            ["kind"] = "NodeMetrics",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = Metadata(node),
            ["timestamp"] = Now(),
            ["window"] = "20s",
            ["usage"] = Usage(cpu, memory),
        };
    }

    private JsonObject Metadata(JsonObject source)
    {
        var metadata = new JsonObject { ["name"] = source.GetName() };
        if (source.GetNamespace() is { } ns) metadata["namespace"] = ns;
        metadata["creationTimestamp"] = Now();
        if (source.GetPath("metadata", "labels") is JsonObject labels) metadata["labels"] = labels.DeepClone();
        return metadata;
    }

    private static JsonObject Usage(long cpuMillis, long memoryBytes) => new()
    {
        ["cpu"] = cpuMillis.ToString(CultureInfo.InvariantCulture) + "m",
        ["memory"] = (memoryBytes / 1024).ToString(CultureInfo.InvariantCulture) + "Ki",
    };

    private static JsonObject List(string kind, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = ApiVersion,
        ["metadata"] = new JsonObject(),
        ["items"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()),
    };

    private string Now() => KubeTime.Format(metrics.Time.GetUtcNow());

    private static ApiException NotFound(string resource, string name) =>
        new(404, "NotFound", $"{resource}.{Group} \"{name}\" not found", new JsonObject { ["name"] = name, ["group"] = Group, ["kind"] = resource });
}

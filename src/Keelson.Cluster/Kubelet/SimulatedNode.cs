using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Kubelet;

/// <summary>
/// The cluster's one node, keelson-node, as its kubelet registers it: labels, capacity and allocatable from
/// <see cref="SimulationOptions"/>, Ready and the pressure conditions, addresses and nodeInfo.
/// </summary>
public static class SimulatedNode
{
    public const string Name = "keelson-node";
    public const string InternalIP = "127.0.0.1";
    public const string KubeletVersion = "v1.32.0";
    public const string RuntimeVersion = "keelson://1.0.0";

    /// <summary>Creates the node, or brings an existing one's labels and status up to date (idempotent).</summary>
    public static async Task RegisterAsync(ClusterClient client, SimulationOptions options, CancellationToken cancellationToken)
    {
        var type = client.Type("", "v1", "nodes");
        var now = KubeTime.Format(client.Time.GetUtcNow());
        if (client.Get(type, null, Name) is null)
        {
            var node = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = Name, ["labels"] = Labels() },
                ["spec"] = new JsonObject(),
                ["status"] = Status(options, now, null),
            };
            try
            {
                await client.CreateAsync(type, node, "kubelet", cancellationToken);
                return;
            }
            catch (Api.ApiException ex) when (ex.Code == 409)
            {
                // Registered meanwhile: update it below.
            }
        }
        await client.MutateAsync(type, null, Name, node =>
        {
            var labels = node.Metadata().EnsureObject("labels");
            foreach (var (key, value) in Labels()) labels[key] = value?.DeepClone();
            node["status"] = Status(options, now, node["status"] as JsonObject);
            return true;
        }, cancellationToken);
    }

    private static JsonObject Labels() => new()
    {
        ["beta.kubernetes.io/arch"] = "amd64",
        ["beta.kubernetes.io/os"] = "linux",
        ["kubernetes.io/arch"] = "amd64",
        ["kubernetes.io/hostname"] = Name,
        ["kubernetes.io/os"] = "linux",
        ["node-role.kubernetes.io/control-plane"] = "",
    };

    private static JsonObject Status(SimulationOptions options, string now, JsonObject? previous)
    {
        JsonObject Resources() => new()
        {
            ["cpu"] = options.NodeCpu,
            ["ephemeral-storage"] = "102400Mi",
            ["hugepages-2Mi"] = "0",
            ["memory"] = options.NodeMemory,
            ["pods"] = options.NodePods.ToString(CultureInfo.InvariantCulture),
        };
        JsonObject Condition(string type, string status, string reason, string message)
        {
            // A condition keeps its lastTransitionTime while its status stays the same, as a kubelet writes it.
            var old = (previous?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type);
            var transition = old is not null && old.GetString("status") == status ? old.GetString("lastTransitionTime") ?? now : now;
            return new JsonObject
            {
                ["type"] = type,
                ["status"] = status,
                ["lastHeartbeatTime"] = now,
                ["lastTransitionTime"] = transition,
                ["reason"] = reason,
                ["message"] = message,
            };
        }
        return new JsonObject
        {
            ["capacity"] = Resources(),
            ["allocatable"] = Resources(),
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = InternalIP },
                new JsonObject { ["type"] = "Hostname", ["address"] = Name }),
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = "6b3f0c5e2d9a4e1f8c7b0a9d8e7f6a5b",
                ["systemUUID"] = "6b3f0c5e-2d9a-4e1f-8c7b-0a9d8e7f6a5b",
                ["bootID"] = "keelson",
                ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                ["osImage"] = "Keelson simulated node",
                ["containerRuntimeVersion"] = RuntimeVersion,
                ["kubeletVersion"] = KubeletVersion,
                ["kubeProxyVersion"] = KubeletVersion,
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
            },
            ["images"] = new JsonArray(),
        };
    }

    /// <summary>Allocatable cpu (millicores), memory (bytes) and pods of a node object.</summary>
    public static (PodRequests Resources, long Pods) Allocatable(JsonObject node)
    {
        var allocatable = node.GetPath("status", "allocatable") as JsonObject;
        var pods = allocatable?["pods"] is { } p && long.TryParse(p is JsonValue pv && pv.TryGetValue<string>(out var ps) ? ps : p.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 110;
        return (new PodRequests(PodRequests.CpuMillis(allocatable?["cpu"]), PodRequests.MemoryBytes(allocatable?["memory"])), pods);
    }
}

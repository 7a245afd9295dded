using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>
/// TEST-ONLY STAND-IN for the simulated kubelet, which is being built on another branch: delete it once the real
/// kubelet merges. It registers the node <see cref="NodeName"/>, binds every pod to it and reports it Running and
/// Ready with a pod IP. A pod annotated <see cref="NeverReady"/> "true" runs but never becomes Ready.
/// </summary>
public sealed class FakeKubelet : IAsyncDisposable
{
    public const string NodeName = "keelson-node";
    public const string NeverReady = "test.keelson.dev/never-ready";

    private readonly ClusterClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _nextIp = 10;

    private FakeKubelet(ClusterClient client)
    {
        _client = client;
        _loop = Task.Run(RunAsync);
    }

    public static async Task<FakeKubelet> StartAsync(EmbeddedCluster cluster)
    {
        var client = cluster.Client;
        var nodes = client.Type("", "v1", "nodes");
        if (client.Get(nodes, null, NodeName) is null)
        {
            var node = new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = NodeName, ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = NodeName } },
                ["spec"] = new JsonObject(),
            };
            await client.CreateAsync(nodes, node, "fake-kubelet");
        }
        return new FakeKubelet(client);
    }

    private async Task RunAsync()
    {
        var pods = _client.Type("", "v1", "pods");
        try
        {
            await foreach (var change in _client.WatchAsync(pods, null, _stop.Token))
            {
                if (change.Type == WatchEventType.Deleted || PodState.IsRunning(change.Object)) continue;
                try
                {
                    await StartPodAsync(pods, change.Object);
                }
                catch (ApiException)
                {
                    // Changed or gone meanwhile: the next event brings it back.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task StartPodAsync(Keelson.Cluster.Catalog.ResourceType pods, JsonObject pod)
    {
        var ns = pod.GetNamespace();
        var name = pod.GetName()!;
        await _client.MutateAsync(pods, ns, name, p =>
        {
            if (PodState.NodeName(p) is not null) return false;
            p.EnsureObject("spec")["nodeName"] = NodeName;
            return true;
        }, _stop.Token);
        var current = _client.Get(pods, ns, name);
        if (current is null || PodState.IsRunning(current)) return;
        var ready = current.GetAnnotations().TryGetValue(NeverReady, out var never) && never == "true" ? "False" : "True";
        var now = Owners.Rfc3339(_client.Time.GetUtcNow());
        var ip = $"10.244.0.{Interlocked.Increment(ref _nextIp) % 250 + 2}";
        var containers = (current.GetPath("spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [];
        current["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = "127.0.0.1",
            ["podIP"] = ip,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
            ["startTime"] = now,
            ["conditions"] = new JsonArray(
                Condition("PodScheduled", "True", now),
                Condition("Initialized", "True", now),
                Condition("ContainersReady", ready, now),
                Condition("Ready", ready, now)),
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.GetString("name"),
                ["image"] = c.GetString("image"),
                ["imageID"] = "",
                ["ready"] = ready == "True",
                ["restartCount"] = 0,
                ["started"] = true,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            }).ToArray()),
        };
        await _client.UpdateStatusAsync(pods, current, "fake-kubelet", _stop.Token);
    }

    private static JsonObject Condition(string type, string status, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastProbeTime"] = null,
        ["lastTransitionTime"] = now,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

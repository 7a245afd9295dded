using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.StandIns;

/// <summary>
/// TEST-ONLY STAND-IN — delete once the real node, scheduler and kubelet merge. Registers node "keelson-node",
/// binds every pod to it and marks it Running and Ready; a pod with sim.keelson.dev/exit-code ends Succeeded or
/// Failed after sim.keelson.dev/run-for (default 100 ms).
/// </summary>
internal sealed class FakeKubelet : IAsyncDisposable
{
    public const string NodeName = "keelson-node";
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HashSet<string> _started = [];
    private int _nextIp = 10;

    public FakeKubelet(ClusterClient client) => _loop = Task.Run(() => RunAsync(client));

    private async Task RunAsync(ClusterClient client)
    {
        var nodes = client.Type("", "v1", "nodes");
        var pods = client.Type("", "v1", "pods");
        if (client.Get(nodes, null, NodeName) is null)
        {
            await client.CreateAsync(nodes, new JsonObject { ["metadata"] = new JsonObject { ["name"] = NodeName } }, "fake-kubelet");
        }
        await client.MutateAsync(nodes, null, NodeName, node =>
        {
            var resources = new JsonObject { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110" };
            node["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady" }),
            };
            return true;
        });
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                foreach (var pod in client.List(pods))
                {
                    if (PodFacts.IsDeleting(pod) || PodFacts.IsTerminal(pod) || !_started.Add(pod.GetUid()!)) continue;
                    var ip = $"10.244.0.{_nextIp++ % 250}";
                    await client.MutateAsync(pods, pod.GetNamespace(), pod.GetName()!, p => Run(p, ip, client.Time.GetUtcNow()));
                    var annotations = pod.GetAnnotations();
                    if (annotations.TryGetValue(SimulationAnnotations.ExitCode, out var code))
                    {
                        var runFor = annotations.TryGetValue(SimulationAnnotations.RunFor, out var text) ? ParseDuration(text) : TimeSpan.FromMilliseconds(100);
                        _ = FinishLaterAsync(client, pods, pod, int.Parse(code, CultureInfo.InvariantCulture), runFor);
                    }
                }
            }
            catch (Keelson.Cluster.Api.ApiException)
            {
                // A conflict or a vanished object: look again on the next pass.
            }
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task FinishLaterAsync(ClusterClient client, Keelson.Cluster.Catalog.ResourceType pods, JsonObject pod, int exitCode, TimeSpan after)
    {
        try
        {
            await Task.Delay(after, _stop.Token);
            await client.MutateAsync(pods, pod.GetNamespace(), pod.GetName()!, p => Finish(p, exitCode, client.Time.GetUtcNow()));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static bool Run(JsonObject pod, string ip, DateTimeOffset now)
    {
        if (PodFacts.IsDeleting(pod) || PodFacts.IsTerminal(pod)) return false;
        var stamp = Stamp(now);
        pod.EnsureObject("spec")["nodeName"] = NodeName;
        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = "10.0.0.10",
            ["podIP"] = ip,
            ["startTime"] = stamp,
            ["conditions"] = new JsonArray(
                Condition("PodScheduled", "True", stamp), Condition("Initialized", "True", stamp),
                Condition("ContainersReady", "True", stamp), Condition("Ready", "True", stamp)),
            ["containerStatuses"] = new JsonArray(Containers(pod).Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.GetString("name"),
                ["image"] = c.GetString("image"),
                ["imageID"] = "",
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = stamp } },
            }).ToArray()),
        };
        return true;
    }

    private static bool Finish(JsonObject pod, int exitCode, DateTimeOffset now)
    {
        if (PodFacts.IsTerminal(pod) || pod["status"] is not JsonObject status) return false;
        var stamp = Stamp(now);
        status["phase"] = exitCode == 0 ? "Succeeded" : "Failed";
        status["conditions"] = new JsonArray(Condition("PodScheduled", "True", stamp), Condition("Ready", "False", stamp));
        foreach (var c in (status["containerStatuses"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            c["ready"] = false;
            c["started"] = false;
            c["state"] = new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = exitCode,
                    ["reason"] = exitCode == 0 ? "Completed" : "Error",
                    ["finishedAt"] = stamp,
                },
            };
        }
        return true;
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod.GetPath("spec", "containers") as JsonArray)?.OfType<JsonObject>() ?? [];

    private static JsonObject Condition(string type, string status, string stamp) =>
        new() { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = stamp };

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static TimeSpan ParseDuration(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

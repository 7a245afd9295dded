using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>DaemonSets: one pod per node, rolling replacement on a template change.</summary>
public sealed class DaemonSetTests(WorkloadCluster w) : IClassFixture<WorkloadCluster>
{
    private Kubectl.KubectlCluster K => w.Kubectl;

    private static string DaemonSet(string ns, string image) => $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
          namespace: {ns}
        spec:
          selector:
            matchLabels:
              app: agent
          template:
            metadata:
              labels:
                app: agent
            spec:
              containers:
              - name: agent
                image: {image}
        """;

    private async Task<List<JsonNode>> PodsAsync(string ns) =>
        [.. JsonNode.Parse(await K.OkAsync($"get pods -n {ns} -o json"))!["items"]!.AsArray().Select(p => p!)];

    [Fact]
    public async Task One_pod_runs_on_the_node_and_an_image_change_replaces_it()
    {
        var ns = await w.NamespaceAsync("ds");
        await K.OkAsync("apply -f -", DaemonSet(ns, "agent:1"));
        await K.OkAsync($"rollout status ds/agent -n {ns} --timeout=30s");
        var pod = Assert.Single(await PodsAsync(ns));
        Assert.Equal("keelson-node", pod["spec"]!["nodeName"]!.ToString());
        var status = JsonNode.Parse(await K.OkAsync($"get ds/agent -n {ns} -o json"))!["status"]!;
        Assert.Equal(1, status["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal(1, status["currentNumberScheduled"]!.GetValue<int>());
        Assert.Equal(1, status["numberReady"]!.GetValue<int>());
        Assert.Equal(1, status["numberAvailable"]!.GetValue<int>());
        Assert.Equal(1, status["updatedNumberScheduled"]!.GetValue<int>());

        await K.OkAsync("apply -f -", DaemonSet(ns, "agent:2"));
        await K.OkAsync($"rollout status ds/agent -n {ns} --timeout=30s");
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await PodsAsync(ns);
            return pods.Count == 1 && pods[0]["spec"]!["containers"]![0]!["image"]!.ToString() == "agent:2";
        }, "the daemon pod replaced by one of agent:2");
    }
}

using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>Deployments through real kubectl: rollout status, rolling updates, undo, deadlines, scaling, deletion.</summary>
public sealed class DeploymentTests(WorkloadCluster w) : IClassFixture<WorkloadCluster>
{
    private Kubectl.KubectlCluster K => w.Kubectl;

    private async Task<JsonObject> GetAsync(string ns, string what) =>
        JsonNode.Parse(await K.OkAsync($"get {what} -n {ns} -o json"))!.AsObject();

    private async Task<List<JsonObject>> ListAsync(string ns, string kind) =>
        (await GetAsync(ns, kind))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    private static int Int(JsonNode? node) => node?.GetValue<int>() ?? 0;

    [Fact]
    public async Task Apply_then_rollout_status_completes_with_pods_owned_by_a_hashed_replica_set()
    {
        var ns = await w.NamespaceAsync("apply");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web"));
        var output = await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        Assert.Contains("successfully rolled out", output);

        var d = await GetAsync(ns, "deploy/web");
        Assert.Equal("1", d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToString());
        var status = d["status"]!;
        Assert.Equal(3, Int(status["availableReplicas"]));
        Assert.Equal(3, Int(status["updatedReplicas"]));
        Assert.Equal(d["metadata"]!["generation"]!.GetValue<long>(), status["observedGeneration"]!.GetValue<long>());
        var conditions = status["conditions"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Contains(conditions, c => c["type"]!.ToString() == "Available" && c["status"]!.ToString() == "True" && c["reason"]!.ToString() == "MinimumReplicasAvailable");
        Assert.Contains(conditions, c => c["type"]!.ToString() == "Progressing" && c["reason"]!.ToString() == "NewReplicaSetAvailable");

        var rs = Assert.Single(await ListAsync(ns, "rs"));
        var hash = rs["metadata"]!["labels"]!["pod-template-hash"]!.ToString();
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{10}$", hash);
        Assert.Equal($"web-{hash}", rs["metadata"]!["name"]!.ToString());
        Assert.Equal(hash, rs["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]!.ToString());
        Assert.Equal("3", rs["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!.ToString());
        Assert.Equal("4", rs["metadata"]!["annotations"]!["deployment.kubernetes.io/max-replicas"]!.ToString());

        var pods = await ListAsync(ns, "pods");
        Assert.Equal(3, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Matches($"^web-{hash}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", pod["metadata"]!["name"]!.ToString());
            var owner = Assert.Single(pod["metadata"]!["ownerReferences"]!.AsArray())!;
            Assert.Equal("ReplicaSet", owner["kind"]!.ToString());
            Assert.True(owner["controller"]!.GetValue<bool>());
            Assert.True(owner["blockOwnerDeletion"]!.GetValue<bool>());
        }
        var events = await K.OkAsync($"get events -n {ns}");
        Assert.Contains("ScalingReplicaSet", events);
        Assert.Contains("SuccessfulCreate", events);
    }

    [Fact]
    public async Task Image_change_rolls_replica_set_by_replica_set_and_undo_restores_the_template()
    {
        var ns = await w.NamespaceAsync("roll");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", image: "nginx:1.26"));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        var first = Assert.Single(await ListAsync(ns, "rs"))["metadata"]!["name"]!.ToString();

        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", image: "nginx:1.27"));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        var sets = await ListAsync(ns, "rs");
        Assert.Equal(2, sets.Count);
        var old = sets.Single(s => s["metadata"]!["name"]!.ToString() == first);
        var next = sets.Single(s => s["metadata"]!["name"]!.ToString() != first);
        Assert.Equal(0, Int(old["spec"]!["replicas"]));
        Assert.Equal(3, Int(next["spec"]!["replicas"]));
        Assert.Equal("2", next["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToString());
        var d = await GetAsync(ns, "deploy/web");
        Assert.Equal("2", d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToString());
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await ListAsync(ns, "pods");
            return pods.Count == 3 && pods.All(p => p["spec"]!["containers"]![0]!["image"]!.ToString() == "nginx:1.27");
        }, "three pods of nginx:1.27 only");
        var events = await K.OkAsync($"get events -n {ns} --field-selector reason=ScalingReplicaSet -o json");
        Assert.Contains($"Scaled down replica set {first}", events);

        var history = await K.OkAsync($"rollout history deploy/web -n {ns}");
        Assert.Matches(@"(?m)^1\s", history);
        Assert.Matches(@"(?m)^2\s", history);

        await K.OkAsync($"rollout undo deploy/web -n {ns}");
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        d = await GetAsync(ns, "deploy/web");
        Assert.Equal("nginx:1.26", d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString());
        Assert.Equal("3", d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToString());
        sets = await ListAsync(ns, "rs");
        Assert.Equal(2, sets.Count);
        old = sets.Single(s => s["metadata"]!["name"]!.ToString() == first);
        Assert.Equal(3, Int(old["spec"]!["replicas"]));
        Assert.Equal("3", old["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.ToString());
        Assert.Equal("1", old["metadata"]!["annotations"]!["deployment.kubernetes.io/revision-history"]!.ToString());
        await Eventually.HoldsAsync(async () =>
        {
            var pods = await ListAsync(ns, "pods");
            return pods.Count == 3 && pods.All(p => p["spec"]!["containers"]![0]!["image"]!.ToString() == "nginx:1.26");
        }, "three pods of nginx:1.26 again after undo");
        history = await K.OkAsync($"rollout history deploy/web -n {ns}");
        Assert.Matches(@"(?m)^3\s", history);
    }

    [Fact]
    public async Task Pods_that_never_become_ready_exceed_the_progress_deadline()
    {
        var ns = await w.NamespaceAsync("deadline");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "stuck", replicas: 2, progressDeadlineSeconds: 2, neverReady: true));
        var result = await K.RunAsync($"rollout status deploy/stuck -n {ns} --timeout=30s");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exceeded its progress deadline", result.Stderr);
        var d = await GetAsync(ns, "deploy/stuck");
        var progressing = d["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Progressing")!;
        Assert.Equal("False", progressing["status"]!.ToString());
        Assert.Equal("ProgressDeadlineExceeded", progressing["reason"]!.ToString());
        var available = d["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == "Available")!;
        Assert.Equal("MinimumReplicasUnavailable", available["reason"]!.ToString());
        Assert.Equal(2, Int(d["status"]!["unavailableReplicas"]));
    }

    [Fact]
    public async Task Scale_up_and_down_changes_the_pods()
    {
        var ns = await w.NamespaceAsync("scale");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        await K.OkAsync($"scale deploy/web -n {ns} --replicas=5");
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        Assert.Equal(5, (await ListAsync(ns, "pods")).Count);
        await K.OkAsync($"scale deploy/web -n {ns} --replicas=1");
        await Eventually.HoldsAsync(async () => (await ListAsync(ns, "pods")).Count == 1, "one pod after scaling to 1");
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        var rs = Assert.Single(await ListAsync(ns, "rs"));
        Assert.Equal(1, Int(rs["status"]!["replicas"]));
        Assert.Equal("1", rs["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"]!.ToString());
        Assert.Contains("SuccessfulDelete", await K.OkAsync($"get events -n {ns}"));
    }

    [Fact]
    public async Task Recreate_replaces_all_pods_at_once()
    {
        var ns = await w.NamespaceAsync("recreate");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2, image: "nginx:1.26", strategy: "Recreate"));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2, image: "nginx:1.27", strategy: "Recreate"));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        var sets = await ListAsync(ns, "rs");
        Assert.Equal([0, 2], sets.Select(s => Int(s["spec"]!["replicas"])).Order());
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_replica_sets_and_pods()
    {
        var ns = await w.NamespaceAsync("delete");
        await K.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2));
        await K.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        await K.OkAsync($"delete deploy/web -n {ns}");
        await Eventually.HoldsAsync(async () => (await ListAsync(ns, "rs")).Count == 0 && (await ListAsync(ns, "pods")).Count == 0,
            "no replica sets or pods left after deleting the deployment");
    }
}

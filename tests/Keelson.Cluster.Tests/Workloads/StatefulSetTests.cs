using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers;
using Keelson.Cluster.Tests.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>StatefulSets: ordered pods, claims bound through the default StorageClass, partitioned rolling updates.</summary>
public sealed class StatefulSetTests(WorkloadCluster w) : IClassFixture<WorkloadCluster>
{
    private Kubectl.KubectlCluster K => w.Kubectl;

    private async Task<JsonObject> GetAsync(string ns, string what) =>
        JsonNode.Parse(await K.OkAsync($"get {what} -n {ns} -o json"))!.AsObject();

    private async Task<List<JsonObject>> ListAsync(string ns, string kind) =>
        (await GetAsync(ns, kind))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

    [Fact]
    public async Task Ordered_pods_each_wait_for_the_previous_to_be_ready_and_get_bound_claims()
    {
        var ns = await w.NamespaceAsync("sts");
        var client = w.Cluster.Client;
        var pods = client.Type("", "v1", "pods");
        var violations = new List<string>();
        var created = new List<string>();
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            var ready = new Dictionary<string, bool>();
            try
            {
                await foreach (var change in client.WatchAsync(pods, ns, stop.Token))
                {
                    var name = change.Object.GetName()!;
                    if (change.Type == Controllers.WatchEventType.Added && !ready.ContainsKey(name))
                    {
                        created.Add(name);
                        var ordinal = int.Parse(name[(name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                        if (ordinal > 0 && !ready.GetValueOrDefault($"db-{ordinal - 1}")) violations.Add($"{name} created before db-{ordinal - 1} was ready");
                    }
                    ready[name] = PodState.IsReady(change.Object);
                }
            }
            catch (OperationCanceledException)
            {
                // Done.
            }
        });

        await K.OkAsync("apply -f -", Manifests.StatefulSet(ns, "db"));
        await K.OkAsync($"rollout status sts/db -n {ns} --timeout=30s");
        await stop.CancelAsync();
        await watcher;
        Assert.Empty(violations);
        Assert.Equal(["db-0", "db-1", "db-2"], created);

        var set = await GetAsync(ns, "sts/db");
        var status = set["status"]!;
        Assert.Equal(3, status["readyReplicas"]!.GetValue<int>());
        Assert.Equal(3, status["currentReplicas"]!.GetValue<int>());
        Assert.Equal(status["currentRevision"]!.ToString(), status["updateRevision"]!.ToString());
        Assert.StartsWith("db-", status["updateRevision"]!.ToString());
        Assert.Single(await ListAsync(ns, "controllerrevisions"));

        var claims = await ListAsync(ns, "pvc");
        Assert.Equal(["data-db-0", "data-db-1", "data-db-2"], claims.Select(c => c["metadata"]!["name"]!.ToString()).Order());
        await Eventually.HoldsAsync(async () => (await ListAsync(ns, "pvc")).All(c => c["status"]?["phase"]?.ToString() == "Bound"), "all claims Bound");
        claims = await ListAsync(ns, "pvc");
        Assert.All(claims, c => Assert.Equal("standard", c["spec"]!["storageClassName"]!.ToString()));
        var volume = JsonNode.Parse(await K.OkAsync($"get pv {claims[0]["spec"]!["volumeName"]} -o json"))!;
        Assert.Equal("Bound", volume["status"]!["phase"]!.ToString());
        Assert.Equal(claims[0]["metadata"]!["name"]!.ToString(), volume["spec"]!["claimRef"]!["name"]!.ToString());

        var pod = await GetAsync(ns, "pod/db-1");
        Assert.Equal("data-db-1", pod["spec"]!["volumes"]!.AsArray().Single(v => v!["name"]!.ToString() == "data")!["persistentVolumeClaim"]!["claimName"]!.ToString());
        Assert.Equal("db-1", pod["spec"]!["hostname"]!.ToString());
        Assert.Equal(status["updateRevision"]!.ToString(), pod["metadata"]!["labels"]!["controller-revision-hash"]!.ToString());
    }

    [Fact]
    public async Task Rolling_update_honours_the_partition_then_completes()
    {
        var ns = await w.NamespaceAsync("stsroll");
        await K.OkAsync("apply -f -", Manifests.StatefulSet(ns, "db", policy: "Parallel"));
        await K.OkAsync($"rollout status sts/db -n {ns} --timeout=30s");
        var first = (await GetAsync(ns, "sts/db"))["status"]!["currentRevision"]!.ToString();

        await K.OkAsync("apply -f -", Manifests.StatefulSet(ns, "db", image: "redis:8", partition: 1, policy: "Parallel"));
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await GetAsync(ns, "sts/db"))["status"]!;
            return status["updatedReplicas"]?.GetValue<int>() == 2 && status["readyReplicas"]?.GetValue<int>() == 3;
        }, "two pods updated above the partition");
        var s = (await GetAsync(ns, "sts/db"))["status"]!;
        Assert.Equal(first, s["currentRevision"]!.ToString());
        Assert.NotEqual(first, s["updateRevision"]!.ToString());
        Assert.Equal("redis:7", (await GetAsync(ns, "pod/db-0"))["spec"]!["containers"]![0]!["image"]!.ToString());
        Assert.Equal("redis:8", (await GetAsync(ns, "pod/db-2"))["spec"]!["containers"]![0]!["image"]!.ToString());

        await K.OkAsync("apply -f -", Manifests.StatefulSet(ns, "db", image: "redis:8", partition: 0, policy: "Parallel"));
        await K.OkAsync($"rollout status sts/db -n {ns} --timeout=30s");
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await GetAsync(ns, "sts/db"))["status"]!;
            return status["currentRevision"]!.ToString() == status["updateRevision"]!.ToString() && status["currentReplicas"]?.GetValue<int>() == 3;
        }, "update revision becomes current");
        Assert.Equal("redis:8", (await GetAsync(ns, "pod/db-0"))["spec"]!["containers"]![0]!["image"]!.ToString());
    }

    [Fact]
    public async Task Scaling_down_removes_the_highest_ordinals_first()
    {
        var ns = await w.NamespaceAsync("stsscale");
        await K.OkAsync("apply -f -", Manifests.StatefulSet(ns, "db"));
        await K.OkAsync($"rollout status sts/db -n {ns} --timeout=30s");
        await K.OkAsync($"scale sts/db -n {ns} --replicas=1");
        await Eventually.HoldsAsync(async () => (await ListAsync(ns, "pods")).Select(p => p["metadata"]!["name"]!.ToString()).SequenceEqual(["db-0"]),
            "only db-0 left");
        // Claims are retained (persistentVolumeClaimRetentionPolicy whenScaled: Retain).
        Assert.Equal(3, (await ListAsync(ns, "pvc")).Count);
    }

    [Fact]
    public async Task A_claim_without_a_class_gets_the_default_standard_class_and_binds()
    {
        var ns = await w.NamespaceAsync("pvc");
        await K.OkAsync("apply -f -", $"""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: data
              namespace: {ns}
            spec:
              accessModes: ["ReadWriteOnce"]
              resources:
                requests:
                  storage: 2Gi
            """);
        await Eventually.HoldsAsync(async () => (await GetAsync(ns, "pvc/data"))["status"]?["phase"]?.ToString() == "Bound", "claim Bound");
        var claim = await GetAsync(ns, "pvc/data");
        Assert.Equal("standard", claim["spec"]!["storageClassName"]!.ToString());
        Assert.Equal("2Gi", claim["status"]!["capacity"]!["storage"]!.ToString());
        var sc = JsonNode.Parse(await K.OkAsync("get storageclass standard -o json"))!;
        Assert.Equal("true", sc["metadata"]!["annotations"]!["storageclass.kubernetes.io/is-default-class"]!.ToString());
        Assert.Equal("keelson.dev/local", sc["provisioner"]!.ToString());
        Assert.Contains("(default)", await K.OkAsync("get storageclass"));

        var volumeName = claim["spec"]!["volumeName"]!.ToString();
        await K.OkAsync($"delete pvc data -n {ns}");
        await Eventually.HoldsAsync(async () => (await K.RunAsync($"get pv {volumeName}")).ExitCode != 0, "volume deleted with its claim (reclaimPolicy Delete)");
    }
}

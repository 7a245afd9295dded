using System.Text.Json.Nodes;
using Keelson.Cluster.Tests.Kubelet;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>The lab's "bad release": a tag that is not in the image catalog, seen through kubectl as on a real cluster.</summary>
public sealed class BadReleaseTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    [Fact]
    public async Task Missing_image_shows_ImagePullBackOff_and_the_rollout_hits_ProgressDeadlineExceeded()
    {
        var k = cluster.Kubectl;
        var ns = await cluster.NewNamespaceAsync("bad-release");
        await k.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2, image: "nginx:1.27", progressDeadlineSeconds: 3));
        await k.OkAsync($"rollout status deploy/web -n {ns} --timeout=30s");

        await k.OkAsync("apply -f -", Manifests.Deployment(ns, "web", replicas: 2, image: "nginx:1.99-typo", progressDeadlineSeconds: 3));
        await Api.Eventually.HoldsAsync(async () => (await k.RunAsync($"get pods -n {ns}")).Stdout.Contains("ImagePullBackOff", StringComparison.Ordinal),
            "a pod of the new ReplicaSet in ImagePullBackOff", TimeSpan.FromSeconds(20));

        var status = await k.RunAsync($"rollout status deploy/web -n {ns} --timeout=30s");
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("exceeded its progress deadline", status.Stderr);
        var deployment = JsonNode.Parse(await k.OkAsync($"get deploy web -n {ns} -o json"))!;
        var progressing = deployment["status"]!["conditions"]!.AsArray().First(c => c!["type"]!.ToString() == "Progressing")!;
        Assert.Equal("ProgressDeadlineExceeded", progressing["reason"]!.ToString());
        // The old pods keep serving: the rollout never took availability below what maxUnavailable allows.
        Assert.True((int)deployment["status"]!["availableReplicas"]! >= 1);
    }
}

using System.Text;
using k8s;
using k8s.Models;
using Keelson.Cluster.Tests.Api;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>
/// Foreground deletion of a Deployment through the garbage collector: the ReplicaSets are deleted in foreground (their
/// pods first), then the Deployment loses its foregroundDeletion finalizer and goes, whatever the timing of the delete.
/// </summary>
public sealed class ForegroundDeletionTests(WorkloadCluster w) : IClassFixture<WorkloadCluster>
{
    private IKubernetes Client => w.Client;

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta
                {
                    Labels = new Dictionary<string, string> { ["app"] = name },
                    Annotations = new Dictionary<string, string> { [SimulationAnnotations.Ready] = "true" },
                },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
            },
        },
    };

    private async Task<bool> AvailableAsync(string ns, string name)
    {
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        return d.Status?.AvailableReplicas == d.Spec.Replicas && d.Status?.UpdatedReplicas == d.Spec.Replicas;
    }

    private async Task<string> LeftOverAsync(string ns)
    {
        var text = new StringBuilder();
        foreach (var d in (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items)
        {
            text.Append($"deployment/{d.Metadata.Name} finalizers=[{string.Join(",", d.Metadata.Finalizers ?? [])}] deleting={d.Metadata.DeletionTimestamp is not null}; ");
        }
        foreach (var rs in (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items)
        {
            text.Append($"replicaset/{rs.Metadata.Name} finalizers=[{string.Join(",", rs.Metadata.Finalizers ?? [])}] deleting={rs.Metadata.DeletionTimestamp is not null}; ");
        }
        foreach (var pod in (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items)
        {
            text.Append($"pod/{pod.Metadata.Name} finalizers=[{string.Join(",", pod.Metadata.Finalizers ?? [])}] deleting={pod.Metadata.DeletionTimestamp is not null}; ");
        }
        return text.ToString();
    }

    /// <summary>
    /// One deployment deleted in foreground at one moment of its life: 0 at once after create, 1 a little later (pods
    /// being created), 2 once available, 3 in the middle of a rolling update (two ReplicaSets).
    /// </summary>
    private async Task DeleteInForegroundAsync(string ns, string name, int variant, int delayMs)
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name, 3), ns);
        switch (variant)
        {
            case 1:
                await Task.Delay(delayMs);
                break;
            case 2:
                await Eventually.HoldsAsync(() => AvailableAsync(ns, name), $"{name} available");
                break;
            case 3:
                await Eventually.HoldsAsync(() => AvailableAsync(ns, name), $"{name} available");
                var patch = new V1Patch("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}}}", V1Patch.PatchType.StrategicMergePatch);
                await Client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns);
                await Task.Delay(delayMs);
                break;
        }

        await Client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, propagationPolicy: "Foreground");

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var deployments = (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.Count;
            var sets = (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count;
            var pods = (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count;
            if (deployments + sets + pods == 0) return;
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"variant {variant} (delay {delayMs} ms): still there 10 s after the foreground delete: {await LeftOverAsync(ns)}");
            }
            await Task.Delay(25);
        }
    }

    [Fact]
    public async Task Foreground_delete_of_a_deployment_removes_pods_then_replica_sets_then_the_deployment_whatever_the_timing()
    {
        var random = new Random(7);
        var runs = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var ns = await w.NamespaceAsync($"fg{i}");
            runs.Add(DeleteInForegroundAsync(ns, "web", i % 4, random.Next(0, 400)));
        }
        await Task.WhenAll(runs);
    }
}

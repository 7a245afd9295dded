using k8s;
using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>A real cluster (fast simulated kubelet), and real kubectl and a KubernetesClient against it.</summary>
public sealed class WorkloadCluster : IAsyncLifetime
{
    public KubectlCluster Kubectl { get; } = new(new ClusterOptions
    {
        InMemory = true,
        Port = 0,
        Simulation = new SimulationOptions { PodStartDelay = TimeSpan.FromMilliseconds(100) },
    });

    public EmbeddedCluster Cluster => Kubectl.Cluster;

    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Kubectl.InitializeAsync();
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubectl.Kubeconfig));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await Kubectl.DisposeAsync();
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.OkAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
        return name;
    }
}

using k8s;
using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.Kubelet;

/// <summary>
/// A real embedded cluster with short simulated delays and the catalog image policy (nginx:1.27 and busybox:1.36 in the
/// catalog), reachable through real kubectl and a KubernetesClient.
/// </summary>
public sealed class KubeletCluster : IAsyncLifetime
{
    public static readonly SimulationOptions Simulation = new()
    {
        PodStartDelay = TimeSpan.FromMilliseconds(200),
        ImagePolicy = ImagePolicy.Catalog,
        NodePods = 5000,
        BackOffInitial = TimeSpan.FromMilliseconds(200),
        BackOffMax = TimeSpan.FromSeconds(1),
        DefaultRunFor = TimeSpan.FromMilliseconds(300),
        PodTerminationDelay = TimeSpan.FromSeconds(2),
    };

    public KubectlCluster Kubectl { get; } = new(new ClusterOptions { InMemory = true, Port = 0, Simulation = Simulation });

    public IKubernetes Client { get; private set; } = null!;

    public EmbeddedCluster Cluster => Kubectl.Cluster;

    public async Task InitializeAsync()
    {
        await Kubectl.InitializeAsync();
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubectl.Kubeconfig));
        var catalog = ImageCatalogClient.FromKubeconfig(Kubectl.Kubeconfig);
        await catalog.PushAsync("nginx:1.27");
        await catalog.PushAsync("busybox:1.36");
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await Kubectl.DisposeAsync();
    }

    public async Task<string> NewNamespaceAsync(string prefix = "k")
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { GenerateName = prefix + "-" } });
        return ns.Metadata.Name;
    }
}

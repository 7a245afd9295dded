using k8s;

namespace Keelson.Cluster.Tests.Api;

/// <summary>A real embedded cluster on 127.0.0.1 (free port, in-memory state) with a KubernetesClient pointed at it.</summary>
public sealed class RunningCluster : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;

    public EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true, Port = 0 });
        // Through a kubeconfig file, as any client would: server, CA data and token.
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"keelson-test-{Guid.NewGuid():N}.kubeconfig");
        _cluster.WriteKubeconfig(kubeconfig);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        File.Delete(kubeconfig);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    /// <summary>A namespace of its own for one test.</summary>
    public async Task<string> NewNamespaceAsync(string prefix = "t")
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { GenerateName = prefix + "-" } });
        return ns.Metadata.Name;
    }
}

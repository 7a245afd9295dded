using Keelson.Cluster.Tests.Kubectl;

namespace Keelson.Cluster.Tests.Workloads;

/// <summary>A real cluster, real kubectl against it, and the <see cref="FakeKubelet"/> stand-in running its pods.</summary>
public sealed class WorkloadCluster : IAsyncLifetime
{
    private FakeKubelet? _kubelet;

    public KubectlCluster Kubectl { get; } = new();

    public EmbeddedCluster Cluster => Kubectl.Cluster;

    public async Task InitializeAsync()
    {
        await Kubectl.InitializeAsync();
        _kubelet = await FakeKubelet.StartAsync(Cluster);
    }

    public async Task DisposeAsync()
    {
        if (_kubelet is not null) await _kubelet.DisposeAsync();
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

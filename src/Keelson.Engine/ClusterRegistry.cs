using Keelson.Engine.Kube;
using Keelson.Engine.Model;

namespace Keelson.Engine;

/// <summary>
/// The clusters Applications may deploy to: the control cluster (<c>https://kubernetes.default.svc</c>, name
/// <c>in-cluster</c>) and clusters registered from kubeconfig contexts (by context name and server URL).
/// </summary>
public sealed class ClusterRegistry : IDisposable
{
    private readonly List<RegisteredCluster> _clusters = [];

    public ClusterRegistry(KubeClient control)
    {
        Control = new RegisteredCluster(ArgoAnnotations.InClusterName, ArgoAnnotations.InClusterServer, control);
        _clusters.Add(Control);
    }

    public RegisteredCluster Control { get; }

    public IReadOnlyList<RegisteredCluster> Clusters => _clusters;

    /// <summary>Registers a cluster; Applications name it by <paramref name="name"/> or by its server URL.</summary>
    public RegisteredCluster Add(string name, KubeClient client)
    {
        var cluster = new RegisteredCluster(name, client.Server.TrimEnd('/'), client);
        lock (_clusters) _clusters.Add(cluster);
        return cluster;
    }

    /// <summary>Registers every context of a kubeconfig file except the one already used for the control cluster.</summary>
    public void AddKubeconfigContexts(string path, IEnumerable<string> contexts)
    {
        foreach (var context in contexts) Add(context, KubeClient.FromKubeconfig(path, context));
    }

    /// <summary>The cluster an Application's destination names, or null (InvalidSpecError) when none matches.</summary>
    public RegisteredCluster? Resolve(ApplicationDestination destination)
    {
        lock (_clusters)
        {
            if (!string.IsNullOrEmpty(destination.Name))
                return _clusters.FirstOrDefault(c => c.Name == destination.Name);
            var server = (destination.Server ?? "").TrimEnd('/');
            return _clusters.FirstOrDefault(c => c.Server == server);
        }
    }

    public void Dispose()
    {
        foreach (var cluster in _clusters.Skip(1)) cluster.Client.Dispose();
    }
}

public sealed record RegisteredCluster(string Name, string Server, KubeClient Client);

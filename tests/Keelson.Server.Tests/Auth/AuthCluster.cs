using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine.Kube;
using Keelson.Resources;

namespace Keelson.Server.Tests.Auth;

[CollectionDefinition(Name)]
public sealed class AuthClusterCollection : ICollectionFixture<AuthCluster>
{
    public const string Name = "auth cluster";
}

/// <summary>
/// One real embedded cluster on 127.0.0.1, reached through a kubeconfig as the server reaches its cluster, shared
/// by the auth tests; each test works in a namespace of its own (<see cref="NewNamespaceAsync"/>).
/// </summary>
public sealed class AuthCluster : IAsyncLifetime
{
    private static readonly ApiResource Namespaces = new("", "v1", "Namespace", "namespaces", false);
    private int _namespaces;

    public string Dir { get; } = Directory.CreateTempSubdirectory("keelson-auth-").FullName;

    public EmbeddedCluster Cluster { get; private set; } = null!;

    public KubeClient Client { get; private set; } = null!;

    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    public async Task InitializeAsync()
    {
        Cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true, Port = 0 });
        Cluster.WriteKubeconfig(Kubeconfig);
        Client = KubeClient.FromKubeconfig(Kubeconfig);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort.
        }
    }

    /// <summary>Creates a fresh namespace for one test's argocd-cm and Secrets.</summary>
    public async Task<string> NewNamespaceAsync()
    {
        var name = $"auth-{Interlocked.Increment(ref _namespaces)}";
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace" };
        ns.SetName(name);
        await Client.CreateAsync(Namespaces, ns, "tests");
        return name;
    }
}

using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Engine.Kube;
using Keelson.Resources;
using Keelson.Server.Auth;

namespace Keelson.Cli.Tests.Admin;

/// <summary>`keelson admin initial-password` against a real embedded cluster that the server's first start has initialised.</summary>
public sealed class InitialPasswordCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-cli-admin-").FullName;
    private EmbeddedCluster _cluster = null!;
    private KubeClient _client = null!;

    private string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true, Port = 0 });
        _cluster.WriteKubeconfig(Kubeconfig);
        _client = KubeClient.FromKubeconfig(Kubeconfig);
        foreach (var name in new[] { "argocd", "other" })
        {
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace" };
            ns.SetName(name);
            await _client.CreateAsync(new ApiResource("", "v1", "Namespace", "namespaces", false), ns, "tests");
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Prints_the_password_the_server_generated_then_a_note_to_change_it_and_delete_the_secret()
    {
        var store = new AuthSettingsStore(_client);
        await store.InitializeAsync();
        var password = await store.ReadInitialPasswordAsync();

        using var keelson = KeelsonProcess.Start("admin", "initial-password", "--kubeconfig", Kubeconfig);

        Assert.Equal(0, await keelson.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var lines = keelson.Output.Split('\n');
        Assert.Equal(password, lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Contains("kubectl -n argocd delete secret argocd-initial-admin-secret", lines[2], StringComparison.Ordinal);
        var hash = (await store.GetAsync(TimeSpan.Zero)).Accounts["admin"].PasswordHash;
        Assert.True(PasswordHasher.Verify(lines[0], hash), "the printed password is not admin's");
    }

    [Fact]
    public async Task Without_the_secret_it_says_so_and_exits_1()
    {
        using var keelson = KeelsonProcess.Start("admin", "initial-password", "--kubeconfig", Kubeconfig, "-n", "other");

        Assert.Equal(1, await keelson.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("keelson: no password in secret other/argocd-initial-admin-secret", keelson.Output, StringComparison.Ordinal);
    }
}

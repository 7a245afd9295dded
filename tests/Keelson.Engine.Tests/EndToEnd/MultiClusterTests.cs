using Keelson.Cluster;
using Keelson.Engine.Kube;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class MultiClusterTests
{
    [Fact]
    public async Task An_Application_whose_destination_is_a_second_registered_cluster_deploys_there()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-second-").FullName;
        await using var second = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true });
        var kubeconfig = second.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        using var secondClient = KubeClient.FromKubeconfig(kubeconfig);

        await using var h = await EngineHarness.StartAsync(SampleApp.Seed, clusters: null);
        h.Controller.Clusters.Add("second", KubeClient.FromKubeconfig(kubeconfig));

        var byName = h.Application("web-second", "apps/web/overlays/dev", "web", SampleApp.Automated)
            .Replace("server: https://kubernetes.default.svc", "name: second");
        await h.ApplyAsync(byName);
        var app = await h.WaitForAppAsync("web-second", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy on the second cluster");

        var deploymentType = (await secondClient.FindAsync("apps/v1", "Deployment"))!;
        Assert.NotNull(await secondClient.GetAsync(deploymentType, "web", "web"));
        Assert.Null(await h.GetAsync("apps/v1", "Deployment", "web", "web"));

        // By server URL too, and an unknown cluster is an InvalidSpecError that names it.
        var byServer = h.Application("web-second-url", "apps/web/overlays/dev", "web2", SampleApp.Automated)
            .Replace("server: https://kubernetes.default.svc", $"server: {second.BaseAddress.ToString().TrimEnd('/')}");
        await h.ApplyAsync(byServer);
        await h.WaitForAppAsync("web-second-url", a => EngineHarness.Sync(a) == "Synced", "Synced on the second cluster by URL");
        Assert.NotNull(await secondClient.GetAsync(deploymentType, "web2", "web"));

        await h.ApplyAsync(h.Application("nowhere", "apps/web/overlays/dev", "web", SampleApp.Automated).Replace("server: https://kubernetes.default.svc", "name: third"));
        var nowhere = await h.WaitForAppAsync("nowhere", a => EngineHarness.Conditions(a).Contains("InvalidSpecError"), "InvalidSpecError");
        Assert.Contains("third", EngineHarness.Conditions(nowhere));
        Directory.Delete(dir, true);
    }
}

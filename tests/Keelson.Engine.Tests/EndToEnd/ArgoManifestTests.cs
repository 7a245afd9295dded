using Keelson.Cluster;
using Keelson.Engine.Kube;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>The seed's Argo CD manifests are valid against the CRDs Keelson serves for Argo CD's types.</summary>
public sealed class ArgoManifestTests
{
    [Fact]
    public async Task Every_manifest_in_examples_argocd_apps_passes_strict_server_side_validation()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-argo-").FullName;
        await using var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true });
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        using var client = KubeClient.FromKubeconfig(kubeconfig);
        await ControlPlane.InstallAsync(client, "argocd");

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Keelson.slnx"))) root = root.Parent!;
        var apps = Path.Combine(root.FullName, "examples", "argocd-apps");
        var files = Directory.GetFiles(apps, "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => f.EndsWith("applicationset.yaml", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var result = await Kubectl.RunAsync(kubeconfig, Path.Combine(dir, "kubecache"), $"apply --dry-run=server --validate=strict -f {file}");
            Assert.True(result.ExitCode == 0, $"{Path.GetFileName(file)}: {result.Output}");
        }

        // And a typo is refused with the field named (the schema is not a blanket preserve-unknown-fields).
        var typo = File.ReadAllText(Path.Combine(apps, "guestbook-dev.yaml")).Replace("selfHeal:", "selfHeel:");
        var bad = Path.Combine(dir, "typo.yaml");
        File.WriteAllText(bad, typo);
        var refused = await Kubectl.RunAsync(kubeconfig, Path.Combine(dir, "kubecache"), $"apply --dry-run=server --validate=strict -f {bad}");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("selfHeel", refused.Output);
        Directory.Delete(dir, true);
    }
}

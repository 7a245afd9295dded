using Keelson.Cluster;
using Keelson.Engine.Kube;

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
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/kubectl", $"--kubeconfig {kubeconfig} apply --dry-run=server --validate=strict -f {file}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            psi.Environment["KUBECACHEDIR"] = Path.Combine(dir, "kubecache");
            using var process = System.Diagnostics.Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)}: {output}");
        }

        // And a typo is refused with the field named (the schema is not a blanket preserve-unknown-fields).
        var typo = File.ReadAllText(Path.Combine(apps, "guestbook-dev.yaml")).Replace("selfHeal:", "selfHeel:");
        var bad = Path.Combine(dir, "typo.yaml");
        File.WriteAllText(bad, typo);
        var check = new System.Diagnostics.ProcessStartInfo("/usr/bin/kubectl", $"--kubeconfig {kubeconfig} apply --dry-run=server --validate=strict -f {bad}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        check.Environment["KUBECACHEDIR"] = Path.Combine(dir, "kubecache");
        using var refused = System.Diagnostics.Process.Start(check)!;
        var message = await refused.StandardOutput.ReadToEndAsync() + await refused.StandardError.ReadToEndAsync();
        await refused.WaitForExitAsync();
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("selfHeel", message);
        Directory.Delete(dir, true);
    }
}

using System.Diagnostics;
using Keelson.Cluster;
using Keelson.Git;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests;

/// <summary>`keelson controller` as a process, against a cluster it only knows through a kubeconfig.</summary>
public sealed class ControllerCommandTests
{
    [Fact]
    public async Task Controller_syncs_an_Application_applied_with_kubectl_and_stops_on_Ctrl_C()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-controller-").FullName;
        await using var cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true });
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        var repo = Path.Combine(dir, "repo");
        LocalRepository.Init(repo);
        Directory.CreateDirectory(Path.Combine(repo, "app"));
        File.WriteAllText(Path.Combine(repo, "app/settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n");
        LocalRepository.CommitAll(repo, "settings");

        using var keelson = KeelsonProcess.Start("controller", "--kubeconfig", kubeconfig, "--cache", Path.Combine(dir, "cache"));
        await keelson.WaitForOutputAsync("Keelson controller watching Applications in namespace argocd", TimeSpan.FromSeconds(60));

        var application = $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: settings
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: {repo}
                targetRevision: main
                path: app
              destination:
                server: https://kubernetes.default.svc
                namespace: team
              syncPolicy:
                automated:
                  prune: true
                  selfHeal: true
                syncOptions: [CreateNamespace=true]
            """;
        var apply = await Kubectl(kubeconfig, dir, "apply -f -", application);
        Assert.True(apply.ExitCode == 0, apply.Output);

        var clock = Stopwatch.StartNew();
        string status = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            status = (await Kubectl(kubeconfig, dir, "get application settings -n argocd -o jsonpath={.status.sync.status}/{.status.health.status}")).Output;
            if (status == "Synced/Healthy") break;
            await Task.Delay(200);
        }
        Assert.Equal("Synced/Healthy", status);
        var color = await Kubectl(kubeconfig, dir, "get configmap settings -n team -o jsonpath={.data.color}");
        Assert.Equal("blue", color.Output);
        // kubectl shows Argo CD's printer columns for Applications.
        var table = await Kubectl(kubeconfig, dir, "get applications -n argocd");
        Assert.Contains("SYNC STATUS", table.Output);

        keelson.Interrupt();
        // 130: the conventional exit status after Ctrl+C, as `keelson cluster start`.
        Assert.Equal(130, await keelson.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Directory.Delete(dir, true);
    }

    private static Task<global::Keelson.Tests.Shared.Kubectl.Result> Kubectl(string kubeconfig, string dir, string arguments, string? stdin = null) =>
        global::Keelson.Tests.Shared.Kubectl.RunAsync(kubeconfig, Path.Combine(dir, "kubecache"), arguments, stdin);
}

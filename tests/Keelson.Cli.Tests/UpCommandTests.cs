using System.Diagnostics;
using Keelson.Git;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests;

/// <summary>`keelson up` as a newcomer runs it: the seed comes up, answers kubectl, follows a commit, and resumes after Ctrl+C.</summary>
public sealed class UpCommandTests
{
    [Fact]
    public async Task Up_brings_the_seed_to_life_follows_a_commit_and_resumes_on_the_same_data()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-up-").FullName;
        var data = Path.Combine(dir, "data");
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        using (var up = KeelsonProcess.Start("up", "--data", data, "--port", "0", "--kubeconfig", kubeconfig))
        {
            await up.WaitForOutputAsync("Keelson is up:", TimeSpan.FromSeconds(120));
            Assert.Equal("Synced/Healthy", await AppState(kubeconfig, dir, "guestbook-dev"));
            Assert.Equal("Synced/Healthy", await AppState(kubeconfig, dir, "guestbook-staging"));
            Assert.StartsWith("OutOfSync/", await AppState(kubeconfig, dir, "guestbook-prod"));
            var pods = await Kubectl(kubeconfig, dir, "get pods -n guestbook-dev -o name");
            Assert.Contains("pod/", pods.Output);

            // `keelson app` works against it with no other setup than the kubeconfig.
            using (var list = KeelsonProcess.Start("app", "list", "-o", "json", "--kubeconfig", kubeconfig))
            {
                Assert.Equal(0, await list.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                var apps = System.Text.Json.Nodes.JsonNode.Parse(list.Output)!.AsArray();
                var states = apps.ToDictionary(a => a!["metadata"]!["name"]!.ToString(), a => $"{a!["status"]?["sync"]?["status"]}/{a!["status"]?["health"]?["status"]}");
                Assert.Equal("Synced/Healthy", states["guestbook-dev"]);
                Assert.Equal("Synced/Healthy", states["guestbook-staging"]);
                Assert.StartsWith("OutOfSync/", states["guestbook-prod"]);
            }

            // The manual sync prod waits for.
            using (var sync = KeelsonProcess.Start("app", "sync", "guestbook-prod", "--kubeconfig", kubeconfig))
                Assert.True(await sync.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, sync.Output);
            await WaitForAsync(() => AppState(kubeconfig, dir, "guestbook-prod"), "Synced/Healthy", 90);

            // A commit in the seeded repository that changes dev's image tag (pushed to the catalog first) is deployed.
            using (var push = KeelsonProcess.Start("cluster", "image", "push", "ghcr.io/keelson-dev/guestbook-frontend:1.1.0", "--kubeconfig", kubeconfig))
                Assert.Equal(0, await push.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var repo = Path.Combine(data, "repo");
            var overlay = Path.Combine(repo, "examples/guestbook/overlays/dev/kustomization.yaml");
            File.WriteAllText(overlay, File.ReadAllText(overlay).Replace("newTag: 1.0.0", "newTag: 1.1.0"));
            var sha = LocalRepository.CommitAll(repo, "dev: frontend 1.1.0");
            var refresh = await Kubectl(kubeconfig, dir, "annotate application guestbook-dev -n argocd argocd.argoproj.io/refresh=normal --overwrite");
            Assert.True(refresh.ExitCode == 0, refresh.Output);
            await WaitForAsync(async () => (await Kubectl(kubeconfig, dir, "get application guestbook-dev -n argocd -o jsonpath={.status.sync.revision}/{.status.sync.status}/{.status.health.status}")).Output, $"{sha}/Synced/Healthy", 90);
            var image = await Kubectl(kubeconfig, dir, "get deployment frontend -n guestbook-dev -o jsonpath={.spec.template.spec.containers[0].image}");
            Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:1.1.0", image.Output);

            up.Interrupt();
            Assert.Equal(130, await up.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        // The same data again: the cluster, the repository (with the commit) and the Applications' state resume.
        using (var again = KeelsonProcess.Start("up", "--data", data, "--port", "0", "--kubeconfig", kubeconfig))
        {
            await again.WaitForOutputAsync("Keelson is up:", TimeSpan.FromSeconds(120));
            Assert.Contains("Git repository found", again.Output);
            var image = await Kubectl(kubeconfig, dir, "get deployment frontend -n guestbook-dev -o jsonpath={.spec.template.spec.containers[0].image}");
            Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:1.1.0", image.Output);
            again.Interrupt();
            Assert.Equal(130, await again.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        Directory.Delete(dir, true);
    }

    private static async Task<string> AppState(string kubeconfig, string dir, string name) =>
        (await Kubectl(kubeconfig, dir, $"get application {name} -n argocd -o jsonpath={{.status.sync.status}}/{{.status.health.status}}")).Output;

    private static async Task WaitForAsync(Func<Task<string>> read, string expected, double seconds)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            last = await read();
            if (last == expected) return;
            await Task.Delay(250);
        }
        Assert.Fail($"expected {expected} within {seconds} s; last: {last}");
    }

    private static Task<global::Keelson.Tests.Shared.Kubectl.Result> Kubectl(string kubeconfig, string dir, string arguments) =>
        global::Keelson.Tests.Shared.Kubectl.RunAsync(kubeconfig, Path.Combine(dir, "kubecache"), arguments);

}

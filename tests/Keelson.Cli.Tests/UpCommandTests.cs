using System.Diagnostics;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests;

/// <summary>`keelson up` as a newcomer runs it: the seed comes up, answers kubectl, follows a commit, and resumes after Ctrl+C.</summary>
public sealed class UpCommandTests
{
    [Fact]
    public async Task Up_brings_the_seed_to_life_follows_a_commit_at_once_owns_its_data_and_resumes()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-up-").FullName;
        var data = Path.Combine(dir, "data");
        // A newcomer's machine: an empty HOME (no git identity, no kubeconfig), kubectl's default kubeconfig in it.
        var home = Path.Combine(dir, "home");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = null, ["GIT_CONFIG_NOSYSTEM"] = "1" };
        var kubeconfig = Path.Combine(home, ".kube", "config");
        using (var up = KeelsonProcess.Start(environment, "up", "--data", data, "--port", "0", "--server-port", "0"))
        {
            await up.WaitForOutputAsync("Keelson is up:", TimeSpan.FromSeconds(120));
            Assert.Contains($"kubectl's current context is now keelson in {kubeconfig}", up.Output);
            Assert.Equal("Synced/Healthy", await AppState(kubeconfig, dir, "guestbook-dev"));
            Assert.Equal("Synced/Healthy", await AppState(kubeconfig, dir, "guestbook-staging"));
            Assert.StartsWith("OutOfSync/", await AppState(kubeconfig, dir, "guestbook-prod"));
            var pods = await Kubectl(kubeconfig, dir, "get pods -n guestbook-dev -o name");
            Assert.Contains("pod/", pods.Output);

            // One owner per data directory: a second `up` (even on another port) and a `cluster start` on its cluster's
            // state both fail at once, naming the first; the first keeps its kubeconfig context and keeps writing.
            using (var second = KeelsonProcess.Start(environment, "up", "--data", data, "--port", "0", "--server-port", "0"))
            {
                Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"data directory {data} is in use by `keelson up` (PID {up.Pid})", second.Output);
            }
            using (var start = KeelsonProcess.Start(environment, "cluster", "start", "--data", Path.Combine(data, "cluster"), "--port", "0", "--kubeconfig", Path.Combine(dir, "other")))
            {
                Assert.Equal(1, await start.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains($"data directory {Path.Combine(data, "cluster")} is in use by `keelson up` (PID {up.Pid})", start.Output);
            }

            // `keelson app` works against it with no other setup (kubectl's kubeconfig, where up merged its context).
            using (var list = KeelsonProcess.Start(environment, "app", "list", "-o", "json"))
            {
                Assert.Equal(0, await list.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                var apps = System.Text.Json.Nodes.JsonNode.Parse(list.Output)!.AsArray();
                var states = apps.ToDictionary(a => a!["metadata"]!["name"]!.ToString(), a => $"{a!["status"]?["sync"]?["status"]}/{a!["status"]?["health"]?["status"]}");
                Assert.Equal("Synced/Healthy", states["guestbook-dev"]);
                Assert.Equal("Synced/Healthy", states["guestbook-staging"]);
                Assert.StartsWith("OutOfSync/", states["guestbook-prod"]);
            }

            // The API server: the admin password from `keelson admin initial-password` logs in, and the session lists the apps.
            var url = System.Text.RegularExpressions.Regex.Match(up.Output, @"Web UI and API server \(Argo CD's REST API\) at (https://localhost:\d+)").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(url), up.Output);
            using (var password = KeelsonProcess.Start(environment, "admin", "initial-password"))
            {
                Assert.Equal(0, await password.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
                using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
                var body = new System.Text.Json.Nodes.JsonObject { ["username"] = "admin", ["password"] = password.Output.Split('\n')[0].Trim() }.ToJsonString();
                var login = await http.PostAsync("/api/v1/session", new StringContent(body, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json")));
                Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
                var token = System.Text.Json.Nodes.JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!.ToString();
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                var apps = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("/api/v1/applications?fields=items.metadata.name"))!["items"]!.AsArray();
                Assert.Equal(["guestbook-dev", "guestbook-prod", "guestbook-staging"], apps.Select(a => a!["metadata"]!["name"]!.ToString()));
            }

            // The manual sync prod waits for.
            using (var sync = KeelsonProcess.Start(environment, "app", "sync", "guestbook-prod"))
                Assert.True(await sync.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, sync.Output);
            await WaitForAsync(() => AppState(kubeconfig, dir, "guestbook-prod"), "Synced/Healthy", 90);

            // The commit "Try next" suggests, made with git itself in the empty HOME: no refresh annotation, no image
            // push, no poll (3 minutes away) — dev is Synced at the commit within 3 s and the new tag pulls.
            var repo = Path.Combine(data, "repo");
            var overlay = Path.Combine(repo, "examples/guestbook/overlays/dev/kustomization.yaml");
            File.WriteAllText(overlay, File.ReadAllText(overlay).Replace("newTag: 1.0.0", "newTag: 1.1.0"));
            var commit = await Git(repo, environment, "commit", "-am", "dev: frontend 1.1.0");
            Assert.True(commit.ExitCode == 0, commit.Output);
            var sha = (await Git(repo, environment, "rev-parse", "HEAD")).Stdout.Trim();
            await WaitForAsync(async () => (await Kubectl(kubeconfig, dir, "get application guestbook-dev -n argocd -o jsonpath={.status.sync.revision}/{.status.sync.status}")).Output, $"{sha}/Synced", 3);
            await WaitForAsync(() => AppState(kubeconfig, dir, "guestbook-dev"), "Synced/Healthy", 60);
            var image = await Kubectl(kubeconfig, dir, "get deployment frontend -n guestbook-dev -o jsonpath={.spec.template.spec.containers[0].image}");
            Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:1.1.0", image.Output);
            var annotations = await Kubectl(kubeconfig, dir, "get application guestbook-dev -n argocd -o jsonpath={.metadata.annotations}");
            Assert.DoesNotContain("argocd.argoproj.io/refresh", annotations.Output);
            // up's terminal told of it.
            await up.WaitForOutputAsync($"guestbook-dev synced to {sha[..7]} (auto-sync): Deployment/frontend configured", TimeSpan.FromSeconds(10));
            Assert.Contains("new commit in " + repo, up.Output);

            up.Interrupt();
            Assert.Equal(130, await up.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Stopped the engine and the cluster.", up.Output);
            Assert.Contains($"State kept in {data}", up.Output);
        }

        // The same data again: the cluster, the repository (with the commit) and the Applications' state resume.
        using (var again = KeelsonProcess.Start(environment, "up", "--data", data, "--port", "0", "--server-port", "0", "--quiet"))
        {
            await again.WaitForOutputAsync("Keelson is up:", TimeSpan.FromSeconds(120));
            Assert.Contains("Git repository found", again.Output);
            var image = await Kubectl(kubeconfig, dir, "get deployment frontend -n guestbook-dev -o jsonpath={.spec.template.spec.containers[0].image}");
            Assert.Equal("ghcr.io/keelson-dev/guestbook-frontend:1.1.0", image.Output);

            // `keelson down --purge` stops it as Ctrl+C would, then removes its data and its kubeconfig context.
            using var down = KeelsonProcess.Start(environment, "down", "--data", data, "--purge");
            Assert.True(await down.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, down.Output);
            Assert.Equal(130, await again.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains($"Removed {data}.", down.Output);
        }
        Assert.False(Directory.Exists(data));
        Assert.DoesNotContain("keelson", File.ReadAllText(kubeconfig));
        Directory.Delete(dir, true);
    }

    private static async Task<global::Keelson.Tests.Shared.Kubectl.Result> Git(string repo, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        foreach (var name in new[] { "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL" }) info.Environment.Remove(name);
        using var git = Process.Start(info)!;
        var stdout = git.StandardOutput.ReadToEndAsync();
        var stderr = git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        return new(git.ExitCode, await stdout, await stderr);
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

using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.App;

/// <summary>`keelson app list`, `get`, `wait` and errors, against an automated Application the engine has deployed.</summary>
[Collection(AppCollection.Name)]
public sealed class AppReadTests(AppFixture fixture)
{
    [Fact]
    public async Task List_get_and_wait_show_an_automated_application_Synced_and_Healthy_with_its_resource_tree()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("read-web", repo, "read-web", SampleApp.AutomatedNoSelfHeal));

        var wait = await fixture.RunAsync("app", "wait", "read-web", "--health", "--sync", "--timeout", "30");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.Contains("read-web: sync Synced, health Healthy", wait.Stdout);

        var json = await fixture.RunAsync("app", "list", "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var app = JsonNode.Parse(json.Stdout)!.AsArray().OfType<JsonObject>().Single(a => a.GetName() == "read-web");
        Assert.Equal("Synced", AppFixture.Sync(app));
        Assert.Equal("Healthy", AppFixture.Health(app));

        var table = await fixture.RunAsync("app", "list");
        var header = table.Stdout.Split('\n')[0];
        Assert.Matches(@"^NAME\s+CLUSTER\s+NAMESPACE\s+PROJECT\s+STATUS\s+HEALTH\s+SYNCPOLICY\s+CONDITIONS\s+REPO\s+PATH\s+TARGET$", header);
        Assert.Matches(@"read-web\s+https://kubernetes.default.svc\s+read-web\s+default\s+Synced\s+Healthy\s+Auto-Prune\s+<none>\s+\S+\s+apps/web/overlays/dev\s+main", table.Stdout);
        Assert.DoesNotContain("\u001b[", table.Stdout);

        var get = await fixture.RunAsync("app", "get", "read-web");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("Name:", get.Stdout);
        Assert.Matches(@"Sync Status:\s+Synced to main \([0-9a-f]{7}\)", get.Stdout);
        Assert.Matches(@"Health Status:\s+Healthy", get.Stdout);
        Assert.Matches(@"apps\s+Deployment\s+read-web\s+web\s+Synced\s+Healthy", get.Stdout);
        Assert.Matches(@"\s+Secret\s+read-web\s+web-credentials\s+Synced", get.Stdout);

        var tree = await fixture.RunAsync("app", "get", "read-web", "-o", "tree");
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.Contains("Namespace read-web", tree.Stdout);
        Assert.Contains("apps/Deployment web  Synced  Healthy", tree.Stdout);
        Assert.Matches(@"└─ ReplicaSet web-\S+", tree.Stdout);
        Assert.Matches(@"Pod web-\S+\s+Running", tree.Stdout);
        Assert.DoesNotContain(SampleApp.SecretData, tree.Stdout);

        var refreshed = await fixture.RunAsync("app", "get", "read-web", "--refresh", "-o", "json");
        Assert.True(refreshed.ExitCode == 0, refreshed.ToString());
        Assert.False(JsonNode.Parse(refreshed.Stdout)!.AsObject().GetAnnotations().ContainsKey("argocd.argoproj.io/refresh"));
    }

    [Fact]
    public async Task Wait_times_out_with_exit_1_saying_what_it_waited_for_and_the_state()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("read-manual", repo, "read-manual", SampleApp.Manual));
        await fixture.WaitForAppAsync("read-manual", a => AppFixture.Sync(a) == "OutOfSync", "OutOfSync");

        var wait = await fixture.RunAsync("app", "wait", "read-manual", "--sync", "--timeout", "1");

        Assert.Equal(1, wait.ExitCode);
        Assert.Contains("timed out after 1 s waiting for read-manual to be Synced; it is now: sync OutOfSync, health Missing", wait.Stderr);
    }

    [Fact]
    public async Task Unknown_application_is_a_clear_error_with_a_non_zero_exit()
    {
        foreach (var verb in new[] { "get", "sync", "history", "rollback", "diff" })
        {
            var result = await fixture.RunAsync("app", verb, "nope");
            Assert.True(result.ExitCode != 0, result.ToString());
            Assert.Contains("application 'nope' not found in namespace argocd (list them with `keelson app list`)", result.Stderr);
        }
    }

    [Fact]
    public async Task Unreachable_cluster_names_the_server_and_the_kubeconfig()
    {
        var path = Path.Combine(fixture.Dir, "dead-kubeconfig");
        var text = await File.ReadAllTextAsync(fixture.Kubeconfig);
        var server = System.Text.RegularExpressions.Regex.Match(text, @"server: (\S+)").Groups[1].Value;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            await File.WriteAllTextAsync(path, text.Replace(server, $"https://127.0.0.1:{port}", StringComparison.Ordinal));
        }

        var result = await fixture.RunAsync("app", "list", "--kubeconfig", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot connect to the cluster at https://127.0.0.1:", result.Stderr);
        Assert.Contains($"(kubeconfig {path})", result.Stderr);
    }
}

using System.Text.Json.Nodes;
using Keelson.Cli.Tests.App;

namespace Keelson.Cli.Tests.Server;

/// <summary>`keelson app …` through the API server: the caller's RBAC decides, and the server's words reach the user.</summary>
[Collection(ServerCollection.Name)]
public sealed class ServerAppTests(ServerFixture fixture)
{
    [Fact]
    public async Task Bob_cannot_sync_in_production_and_is_told_by_the_server_but_admin_can_and_the_app_gets_Synced()
    {
        var bob = fixture.NewHome();
        await bob.LoginAsync("bob");
        var refused = await bob.RunAsync("app", "sync", "web-prod", "--timeout", "60");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("permission denied: applications, sync, production/web-prod, sub: bob", refused.Stderr);
        Assert.Null((await fixture.GetAppAsync("web-prod"))!["operation"]);

        // Bob may read production (policy.default: role:readonly).
        var get = await bob.RunAsync("app", "get", "web-prod");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"Project:\s+production", get.Stdout);

        var admin = fixture.NewHome();
        await admin.LoginAsync("admin");
        var sync = await admin.RunAsync("app", "sync", "web-prod", "--timeout", "60");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Matches(@"Phase:\s+Succeeded", sync.Stdout);
        Assert.Matches(@"apps\s+Deployment\s+web-prod\s+web\s+Synced", sync.Stdout);
        var app = await fixture.WaitForAppAsync("web-prod", a => AppFixture.Sync(a) == "Synced", "Synced");
        Assert.Equal("admin", app["status"]!["operationState"]!["operation"]!["initiatedBy"]!["username"]!.ToString());

        var history = await admin.RunAsync("app", "history", "web-prod");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Matches(@"\n0\s+\S+\s+[0-9a-f]{7} \(main\)\s+apps/web/prod\s+admin", "\n" + history.Stdout.Split('\n', 2)[1]);

        var resources = await admin.RunAsync("app", "resources", "web-prod");
        Assert.True(resources.ExitCode == 0, resources.ToString());
        Assert.Matches(@"apps\s+Deployment\s+web-prod\s+web\s+Synced\s+(Healthy|Progressing)", resources.Stdout);
        Assert.Matches(@"apps\s+ReplicaSet\s+web-prod\s+web-\S+\s+(Healthy|Progressing)", resources.Stdout);

        var tree = await admin.RunAsync("app", "get", "web-prod", "-o", "tree");
        Assert.True(tree.ExitCode == 0, tree.ToString());
        Assert.Contains("apps/Deployment web", tree.Stdout);
        Assert.Matches(@"└─ (apps/)?ReplicaSet web-", tree.Stdout);
    }

    [Fact]
    public async Task Get_with_refresh_asks_the_server_and_json_output_is_the_Application_and_an_unknown_app_is_the_servers_denial()
    {
        var alice = fixture.NewHome();
        await alice.LoginAsync("alice");
        var refreshed = await alice.RunAsync("app", "get", "web-dev", "--refresh", "-o", "json");
        Assert.True(refreshed.ExitCode == 0, refreshed.ToString());
        var app = JsonNode.Parse(refreshed.Stdout)!;
        Assert.Equal("web-dev", app["metadata"]!["name"]!.ToString());
        Assert.Null(app["metadata"]!["annotations"]?["argocd.argoproj.io/refresh"]);

        var missing = await alice.RunAsync("app", "get", "no-such-app");
        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.Contains("keelson: permission denied", missing.Stderr);
    }

    [Fact]
    public async Task Accounts_are_listed_can_i_answers_for_the_caller_and_a_generated_token_works_as_auth_token()
    {
        var admin = fixture.NewHome();
        await admin.LoginAsync("admin");
        var list = await admin.RunAsync("account", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"bob\s+true\s+apiKey, login", list.Stdout);

        var bob = fixture.NewHome();
        await bob.LoginAsync("bob");
        var can = await bob.RunAsync("account", "can-i", "sync", "applications", "default/web-dev");
        Assert.Equal("yes", can.Stdout.Trim());
        var cannot = await bob.RunAsync("account", "can-i", "sync", "applications", "production/web-prod");
        Assert.True(cannot.ExitCode == 0, cannot.ToString());
        Assert.Equal("no", cannot.Stdout.Trim());

        var generated = await bob.RunAsync("account", "generate-token", "--id", "ci", "--expires-in", "1h");
        Assert.True(generated.ExitCode == 0, generated.ToString());
        var token = generated.Stdout.Trim();
        Assert.Equal(3, token.Split('.').Length);
        var get = await bob.RunAsync("account", "get");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"Name:\s+bob", get.Stdout);
        Assert.Matches(@"\nci\s+\d{4}-\d\d-\d\dT", get.Stdout);

        var stranger = fixture.NewHome();
        var withToken = await stranger.RunAsync("app", "sync", "web-prod", "--server", fixture.Host, "--auth-token", token, "--insecure");
        Assert.True(withToken.ExitCode != 0, withToken.ToString());
        Assert.Contains("permission denied: applications, sync, production/web-prod, sub: bob", withToken.Stderr);
    }

    [Fact]
    public async Task Create_wait_and_delete_go_through_the_server_and_bob_may_not_create_in_production()
    {
        string[] spec = ["--repo", fixture.Repo, "--path", "apps/web/overlays/dev", "--revision", "main", "--dest-server", "https://kubernetes.default.svc"];
        var bob = fixture.NewHome();
        await bob.LoginAsync("bob");
        var refused = await bob.RunAsync(["app", "create", "srv-prod", .. spec, "--dest-namespace", "web-prod", "--project", "production"]);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("permission denied: applications, create, production/srv-prod, sub: bob", refused.Stderr);

        var admin = fixture.NewHome();
        await admin.LoginAsync("admin");
        var created = await admin.RunAsync(["app", "create", "srv-extra", .. spec, "--dest-namespace", "srv-extra", "--sync-option", "CreateNamespace=true"]);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("application 'srv-extra' created", created.Stdout);
        var again = await admin.RunAsync(["app", "create", "srv-extra", .. spec, "--dest-namespace", "srv-other"]);
        Assert.True(again.ExitCode != 0, again.ToString());
        Assert.Contains("existing application spec is different, use upsert flag to force update", again.Stderr);

        var sync = await admin.RunAsync("app", "sync", "srv-extra", "--timeout", "60");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        var wait = await admin.RunAsync("app", "wait", "srv-extra", "--sync", "--operation", "--timeout", "60");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.Contains("srv-extra: sync Synced", wait.Stdout);

        var delete = await admin.RunAsync("app", "delete", "srv-extra", "--yes", "--wait", "--timeout", "60");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("application 'srv-extra' is gone", delete.Stdout);
        Assert.Null(await fixture.GetAppAsync("srv-extra"));
    }
}

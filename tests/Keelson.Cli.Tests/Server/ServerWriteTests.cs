using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cli.Tests.App;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.Server;

/// <summary>
/// The verbs that change Applications through the API server — set, rollback, terminate-op, actions — and `account
/// update-password`, each checked in the cluster afterwards and each refused as the server refuses it.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ServerWriteTests(ServerFixture fixture)
{
    private const string Kustomization = "resources:\n  - resources.yaml\n";

    private static string Settings(string name, string value) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          value: "{value}"
        """;

    [Fact]
    public async Task Set_changes_the_spec_the_server_answers_with_and_bob_may_not_change_production()
    {
        await fixture.CreateAppAsync("cli-set", "apps/web/overlays/dev");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            var set = await admin.RunAsync("app", "set", "cli-set", "--revision", "HEAD", "--path", "apps/web/base", "--sync-option", "PruneLast=true",
                "--auto-sync", "--auto-prune", "--no-self-heal");
            Assert.True(set.ExitCode == 0, set.ToString());
            Assert.Contains("application 'cli-set' updated: source, automated sync on, automated sync settings, sync options", set.Stdout);

            var spec = (await GetJsonAsync(admin, "cli-set"))["spec"]!;
            Assert.Equal("HEAD", spec["source"]!["targetRevision"]!.ToString());
            Assert.Equal("apps/web/base", spec["source"]!["path"]!.ToString());
            Assert.Equal(fixture.Repo, spec["source"]!["repoURL"]!.ToString());
            Assert.Equal(["CreateNamespace=true", "PruneLast=true"], spec["syncPolicy"]!["syncOptions"]!.AsArray().Select(o => o!.ToString()));
            Assert.True(spec["syncPolicy"]!["automated"]!["prune"]!.GetValue<bool>());
            Assert.False(spec["syncPolicy"]!["automated"]!["selfHeal"]!.GetValue<bool>());

            var manual = await admin.RunAsync("app", "set", "cli-set", "--no-auto-sync", "--dest-namespace", "cli-set-other");
            Assert.True(manual.ExitCode == 0, manual.ToString());
            spec = (await GetJsonAsync(admin, "cli-set"))["spec"]!;
            Assert.Null(spec["syncPolicy"]!["automated"]);
            Assert.Equal("cli-set-other", spec["destination"]!["namespace"]!.ToString());
            Assert.Equal("https://kubernetes.default.svc", spec["destination"]!["server"]!.ToString());

            var bob = fixture.NewHome();
            await bob.LoginAsync("bob");
            var refused = await bob.RunAsync("app", "set", "web-prod", "--revision", "HEAD");
            Assert.True(refused.ExitCode != 0, refused.ToString());
            Assert.Contains("permission denied: applications, update, production/web-prod, sub: bob", refused.Stderr);
            Assert.Equal("main", (await fixture.GetAppAsync("web-prod"))!.GetPath("spec", "source", "targetRevision")!.ToString());
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-set");
        }
    }

    [Fact]
    public async Task Rollback_of_a_manual_app_syncs_the_first_commit_again_and_is_refused_while_auto_sync_is_on()
    {
        var first = fixture.Commit("cli rollback v1", new Dictionary<string, string?>
        {
            ["apps/cli-rollback/kustomization.yaml"] = Kustomization,
            ["apps/cli-rollback/resources.yaml"] = Settings("rollback-settings", "one"),
        });
        await fixture.CreateAppAsync("cli-rollback", "apps/cli-rollback");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            await SyncAsync(admin, "cli-rollback");
            var second = fixture.Commit("cli rollback v2", new Dictionary<string, string?> { ["apps/cli-rollback/resources.yaml"] = Settings("rollback-settings", "two") });
            await SyncAsync(admin, "cli-rollback");
            var app = (await fixture.GetAppAsync("cli-rollback"))!;
            Assert.Equal([first, second], app.GetPath("status", "history")!.AsArray().Select(h => h!["revision"]!.ToString()));
            Assert.Equal("two", await SettingAsync());

            var auto = await admin.RunAsync("app", "set", "cli-rollback", "--auto-sync");
            Assert.True(auto.ExitCode == 0, auto.ToString());
            var refused = await admin.RunAsync("app", "rollback", "cli-rollback", "0", "--timeout", "60");
            Assert.True(refused.ExitCode != 0, refused.ToString());
            Assert.Contains("keelson: rollback cannot be initiated when auto-sync is enabled", refused.Stderr);
            Assert.Equal("two", await SettingAsync());

            var manual = await admin.RunAsync("app", "set", "cli-rollback", "--no-auto-sync");
            Assert.True(manual.ExitCode == 0, manual.ToString());
            var rollback = await admin.RunAsync("app", "rollback", "cli-rollback", "0", "--timeout", "60");
            Assert.True(rollback.ExitCode == 0, rollback.ToString());
            Assert.Contains($"Rolling cli-rollback back to history 0 ({first[..7]})", rollback.Stdout);
            Assert.Matches(@"Phase:\s+Succeeded", rollback.Stdout);
            Assert.Matches($@"Sync Revision:\s+{first}", rollback.Stdout);
            Assert.Equal("one", await SettingAsync());
            var rolledBack = (await fixture.GetAppAsync("cli-rollback"))!;
            Assert.Equal(first, rolledBack.GetPath("status", "history")!.AsArray().Last()!["revision"]!.ToString());
            Assert.Equal("admin", rolledBack.GetPath("status", "operationState", "operation", "initiatedBy", "username")!.ToString());
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-rollback");
        }

        async Task<string?> SettingAsync() =>
            (await fixture.Client.GetAsync("v1", "ConfigMap", "cli-rollback", "rollback-settings"))?.GetPath("data", "value")?.ToString();
    }

    [Fact]
    public async Task Terminate_op_stops_a_sync_waiting_on_a_slow_PreSync_hook_and_the_waiting_sync_says_it_was_terminated()
    {
        fixture.Commit("cli slow hook", new Dictionary<string, string?>
        {
            ["apps/cli-slow/kustomization.yaml"] = Kustomization,
            ["apps/cli-slow/resources.yaml"] = SampleApp.SlowPreSyncHook + "\n---\n" + Settings("slow-settings", "after-hook"),
        });
        await fixture.CreateAppAsync("cli-slow", "apps/cli-slow");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            var idle = await admin.RunAsync("app", "terminate-op", "cli-slow");
            Assert.True(idle.ExitCode != 0, idle.ToString());
            Assert.Contains("keelson: Unable to terminate operation. No operation is in progress", idle.Stderr);

            await admin.RunAsync("app", "get", "cli-slow", "--refresh");
            var sync = admin.RunAsync("app", "sync", "cli-slow", "--timeout", "90");
            await fixture.WaitForAppAsync("cli-slow", a => a.GetPath("status", "operationState", "phase")?.ToString() == "Running", "running its sync");
            await ServerFixture.EventuallyAsync(async () => await fixture.Client.GetAsync("batch/v1", "Job", "cli-slow", "slow-migrate") is not null, "the PreSync hook Job to run");

            var carol = fixture.NewHome();
            await carol.LoginAsync("carol");
            var denied = await carol.RunAsync("app", "terminate-op", "cli-slow");
            Assert.True(denied.ExitCode != 0, denied.ToString());
            Assert.Contains("permission denied: applications, sync, default/cli-slow, sub: carol", denied.Stderr);

            var terminate = await admin.RunAsync("app", "terminate-op", "cli-slow");
            Assert.True(terminate.ExitCode == 0, terminate.ToString());
            Assert.Contains("Application 'cli-slow' operation terminating", terminate.Stdout);

            var synced = await sync;
            Assert.True(synced.ExitCode == 1, synced.ToString());
            Assert.Matches(@"Phase:\s+Failed", synced.Stdout);
            Assert.Contains("keelson: the sync of cli-slow failed: Operation terminated", synced.Stderr);
            var app = (await fixture.GetAppAsync("cli-slow"))!;
            Assert.Equal("Failed", app.GetPath("status", "operationState", "phase")!.ToString());
            Assert.Null(await fixture.Client.GetAsync("v1", "ConfigMap", "cli-slow", "slow-settings"));
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-slow");
        }
    }

    [Fact]
    public async Task Actions_list_shows_restart_for_a_Deployment_run_restart_sets_restartedAt_and_bob_may_not_run_one_in_production()
    {
        await fixture.CreateAppAsync("cli-actions", "apps/web/overlays/dev");
        try
        {
            var admin = fixture.NewHome();
            await admin.LoginAsync("admin");
            await SyncAsync(admin, "cli-actions");

            var list = await admin.RunAsync("app", "actions", "list", "cli-actions", "--kind", "Deployment", "--resource-name", "web");
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Matches(@"apps\s+Deployment\s+web\s+restart\s+false", list.Stdout);
            Assert.Matches(@"apps\s+Deployment\s+web\s+resume\s+true", list.Stdout);

            var before = DateTimeOffset.UtcNow.AddSeconds(-5);
            var run = await admin.RunAsync("app", "actions", "run", "cli-actions", "restart", "--kind", "Deployment", "--resource-name", "web");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("Action 'restart' run on Deployment web", run.Stdout);
            var live = (await fixture.Client.GetAsync("apps/v1", "Deployment", "cli-actions", "web"))!;
            var restartedAt = live.GetPath("spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt")?.ToString();
            Assert.NotNull(restartedAt);
            Assert.InRange(DateTimeOffset.Parse(restartedAt, CultureInfo.InvariantCulture), before, DateTimeOffset.UtcNow.AddSeconds(5));

            var scale = await admin.RunAsync("app", "actions", "run", "cli-actions", "scale", "--param", "replicas=3", "--kind", "Deployment", "--resource-name", "web");
            Assert.True(scale.ExitCode == 0, scale.ToString());
            Assert.Equal(3, (await fixture.Client.GetAsync("apps/v1", "Deployment", "cli-actions", "web"))!.GetPath("spec", "replicas")!.GetValue<int>());

            var unknown = await admin.RunAsync("app", "actions", "run", "cli-actions", "explode", "--kind", "Deployment", "--resource-name", "web");
            Assert.True(unknown.ExitCode != 0, unknown.ToString());
            Assert.Contains("action \"explode\" is not available for Deployment web: its actions are pause, restart, resume, scale", unknown.Stderr);

            var bob = fixture.NewHome();
            await bob.LoginAsync("bob");
            var refused = await bob.RunAsync("app", "actions", "run", "web-prod", "restart", "--kind", "Deployment", "--resource-name", "web");
            Assert.True(refused.ExitCode != 0, refused.ToString());
            Assert.Contains("permission denied: applications, action/apps/Deployment/restart, production/web-prod, sub: bob", refused.Stderr);
        }
        finally
        {
            await fixture.DeleteAppAsync("cli-actions");
        }
    }

    [Fact]
    public async Task Update_password_changes_it_so_the_old_one_no_longer_logs_in_and_the_new_one_does()
    {
        var dave = fixture.NewHome();
        await dave.LoginAsync("dave");
        var wrong = await dave.RunAsync("account", "update-password", "--current-password", "not-it", "--new-password", "dave-secret-2");
        Assert.True(wrong.ExitCode != 0, wrong.ToString());
        Assert.Contains("current password does not match", wrong.Stderr, StringComparison.OrdinalIgnoreCase);

        var update = await dave.RunAsync("account", "update-password", "--current-password", ServerFixture.PasswordOf("dave"), "--new-password", "dave-secret-2");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("Password updated for dave", update.Stdout);

        var old = await fixture.NewHome().RunAsync("login", fixture.Host, "--insecure", "--username", "dave", "--password", ServerFixture.PasswordOf("dave"));
        Assert.True(old.ExitCode != 0, old.ToString());
        Assert.Contains("Invalid username or password", old.Stderr, StringComparison.OrdinalIgnoreCase);
        var again = fixture.NewHome();
        var login = await again.RunAsync("login", fixture.Host, "--insecure", "--username", "dave", "--password", "dave-secret-2");
        Assert.True(login.ExitCode == 0, login.ToString());
        var get = await again.RunAsync("account", "get");
        Assert.Matches(@"Name:\s+dave", get.Stdout);
    }

    /// <summary>`keelson app get NAME --refresh` (so the sync takes main as it is now), then `keelson app sync NAME`, asserting it Succeeded.</summary>
    private static async Task SyncAsync(CliHome home, string name)
    {
        var refresh = await home.RunAsync("app", "get", name, "--refresh");
        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        var sync = await home.RunAsync("app", "sync", name, "--timeout", "60");
        Assert.True(sync.ExitCode == 0, sync.ToString());
    }

    private static async Task<JsonObject> GetJsonAsync(CliHome home, string name)
    {
        var get = await home.RunAsync("app", "get", name, "-o", "json");
        Assert.True(get.ExitCode == 0, get.ToString());
        return JsonNode.Parse(get.Stdout)!.AsObject();
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.App;

/// <summary>`keelson app diff`, `sync`, `history`: a manual Application synced by hand.</summary>
[Collection(AppCollection.Name)]
public sealed class AppSyncTests(AppFixture fixture)
{
    private async Task<string> ManualAppAsync(string name)
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application(name, repo, name, SampleApp.Manual));
        await fixture.WaitForAppAsync(name, a => AppFixture.Sync(a) == "OutOfSync", "OutOfSync");
        return repo;
    }

    [Fact]
    public async Task Sync_dry_run_changes_nothing_then_sync_makes_it_Synced_and_diff_shows_a_manual_change_with_Secrets_masked()
    {
        await ManualAppAsync("sync-web");

        var dry = await fixture.RunAsync("app", "sync", "sync-web", "--dry-run", "--timeout", "30");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Contains("Sync (dry run)", dry.Stdout);
        Assert.Null(await fixture.GetAsync("apps/v1", "Deployment", "sync-web", "web"));
        var app = (await fixture.GetAppAsync("sync-web"))!;
        Assert.Equal("OutOfSync", AppFixture.Sync(app));
        Assert.Null(app.GetPath("status", "history"));

        var sync = await fixture.RunAsync("app", "sync", "sync-web", "--timeout", "30");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Matches(@"Phase:\s+Succeeded", sync.Stdout);
        Assert.Matches(@"apps\s+Deployment\s+sync-web\s+web\s+Synced", sync.Stdout);
        await fixture.WaitForAppAsync("sync-web", a => AppFixture.Sync(a) == "Synced", "Synced");

        var cache = Path.Combine(fixture.Dir, "cli-cache");
        var clean = await fixture.RunAsync("app", "diff", "sync-web", "--cache", cache);
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Equal("", clean.Stdout.Trim());

        // Someone changes the cluster by hand (the app has no self-heal).
        var deployments = (await fixture.Client.FindAsync("apps/v1", "Deployment"))!;
        await fixture.Client.MergePatchAsync(deployments, "sync-web", "web", JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"example.com/web:hotfix"}]}}}}""")!.AsObject());
        var secrets = (await fixture.Client.FindAsync("v1", "Secret"))!;
        await fixture.Client.MergePatchAsync(secrets, "sync-web", "web-credentials", JsonNode.Parse("""{"data":{"password":"b3RoZXItdmFsdWU="}}""")!.AsObject());

        var diff = await fixture.RunAsync("app", "diff", "sync-web", "--cache", cache);
        Assert.True(diff.ExitCode == 1, diff.ToString());
        Assert.Contains("--- apps/Deployment sync-web/web (live)", diff.Stdout);
        Assert.Contains("+++ apps/Deployment sync-web/web (target)", diff.Stdout);
        Assert.Contains("-        image: example.com/web:hotfix", diff.Stdout);
        Assert.Contains("+        image: example.com/web:1.0.0", diff.Stdout);
        Assert.Contains("--- Secret sync-web/web-credentials (live)", diff.Stdout);
        Assert.DoesNotContain(SampleApp.SecretData, diff.Stdout);
        Assert.DoesNotContain("b3RoZXItdmFsdWU=", diff.Stdout);
        Assert.DoesNotContain("\u001b[", diff.Stdout);

        var coloured = await fixture.RunAsync("app", "diff", "sync-web", "--cache", cache, "--color", "always");
        Assert.Equal(1, coloured.ExitCode);
        Assert.Contains("\u001b[31m-        image: example.com/web:hotfix\u001b[0m", coloured.Stdout);
        Assert.Contains("\u001b[32m+        image: example.com/web:1.0.0\u001b[0m", coloured.Stdout);

        var error = await fixture.RunAsync("app", "diff", "sync-web", "--cache", cache, "--revision", "no-such-branch");
        Assert.True(error.ExitCode == 2, error.ToString());
        Assert.Contains("cannot compare sync-web", error.Stderr);
    }

    [Fact]
    public async Task Sync_to_an_older_revision_deploys_it_and_history_lists_both_deployments()
    {
        var repo = await ManualAppAsync("hist-web");
        var first = AppFixture.Revision((await fixture.GetAppAsync("hist-web"))!);
        var second = AppFixture.Commit(repo, "web 1.1.0", SampleApp.DevImage("1.1.0"));

        var latest = await fixture.RunAsync("app", "sync", "hist-web", "--timeout", "30");
        Assert.True(latest.ExitCode == 0, latest.ToString());
        Assert.Contains(second, latest.Stdout);
        Assert.Equal("example.com/web:1.1.0", await fixture.ImageAsync("hist-web"));

        var older = await fixture.RunAsync("app", "sync", "hist-web", "--revision", first, "--timeout", "30");
        Assert.True(older.ExitCode == 0, older.ToString());
        Assert.Equal("example.com/web:1.0.0", await fixture.ImageAsync("hist-web"));

        var history = await fixture.RunAsync("app", "history", "hist-web");
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Matches(@"^ID\s+DATE\s+REVISION\s+PATH\s+INITIATED BY", history.Stdout);
        Assert.Matches($@"0\s+\S+\s+{second[..7]} \(main\)\s+apps/web/overlays/dev", history.Stdout);
        Assert.Matches($@"1\s+\S+\s+{first[..7]} \(main\)", history.Stdout);

        var json = await fixture.RunAsync("app", "history", "hist-web", "-o", "json");
        var entries = JsonNode.Parse(json.Stdout)!.AsArray();
        Assert.Equal([second, first], entries.Select(e => e!["revision"]!.ToString()));
    }

    [Fact]
    public async Task Sync_refuses_a_second_operation_and_a_revision_against_automation_saying_what_to_do()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("sync-auto", repo, "sync-auto", SampleApp.AutomatedNoSelfHeal));
        await fixture.WaitForAppAsync("sync-auto", a => AppFixture.Sync(a) == "Synced", "Synced");

        var result = await fixture.RunAsync("app", "sync", "sync-auto", "--revision", "HEAD~1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("keelson app set sync-auto --no-auto-sync", result.Stderr);
    }
}

using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.App;

/// <summary>`keelson app create` (flags and -f) and `keelson app delete` with and without cascade.</summary>
[Collection(AppCollection.Name)]
public sealed class AppCreateDeleteTests(AppFixture fixture)
{
    [Fact]
    public async Task Create_with_flags_deploys_and_delete_with_cascade_removes_the_deployed_objects()
    {
        var repo = fixture.NewRepo();

        var create = await fixture.RunAsync("app", "create", "made-web", "--repo", repo, "--path", "apps/web/overlays/dev", "--revision", "main",
            "--dest-server", "https://kubernetes.default.svc", "--dest-namespace", "made-web", "--sync-policy", "automated", "--auto-prune",
            "--sync-option", "CreateNamespace=true");
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("application 'made-web' created", create.Stdout);
        var again = await fixture.RunAsync("app", "create", "made-web", "--repo", repo, "--dest-server", "https://kubernetes.default.svc");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists: pass --upsert", again.Stderr);

        var wait = await fixture.RunAsync("app", "wait", "made-web", "--timeout", "30");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.NotNull(await fixture.GetAsync("apps/v1", "Deployment", "made-web", "web"));

        // Background: the embedded cluster's garbage collector can leave a foreground deletion of a Deployment stuck
        // (ReplicaSet and Deployment keep foregroundDeletion after the pods are gone); see the cli branch's report.
        var delete = await fixture.RunAsync("app", "delete", "made-web", "--propagation-policy", "background", "--wait", "--timeout", "30");
        Assert.True(delete.ExitCode == 0, delete + await fixture.DescribeNamespaceAsync("made-web"));
        Assert.Contains("application 'made-web' is gone", delete.Stdout);
        Assert.Null(await fixture.GetAppAsync("made-web"));
        await fixture.WaitForAsync(async () => await fixture.GetAsync("apps/v1", "Deployment", "made-web", "web") is null, "the Deployment's deletion");
        Assert.Null(await fixture.GetAsync("v1", "Service", "made-web", "web"));
    }

    [Fact]
    public async Task Create_from_a_file_and_delete_without_cascade_keeps_the_objects()
    {
        var repo = fixture.NewRepo();
        var file = Path.Combine(fixture.Dir, "kept-web.yaml");
        await File.WriteAllTextAsync(file, AppFixture.Application("kept-web", repo, "kept-web", SampleApp.AutomatedNoSelfHeal));

        var create = await fixture.RunAsync("app", "create", "-f", file);
        Assert.True(create.ExitCode == 0, create.ToString());
        await fixture.WaitForAppAsync("kept-web", a => AppFixture.Sync(a) == "Synced", "Synced");

        var delete = await fixture.RunAsync("app", "delete", "kept-web", "--cascade=false", "--wait", "--timeout", "30");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Null(await fixture.GetAppAsync("kept-web"));
        var deployment = await fixture.GetAsync("apps/v1", "Deployment", "kept-web", "web");
        Assert.NotNull(deployment);
        Assert.Null(deployment!.GetMetadata()?["deletionTimestamp"]);
    }

    [Fact]
    public async Task Set_changes_the_spec_and_refuses_self_heal_without_automation()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("set-web", repo, "set-web", SampleApp.Manual));

        var refused = await fixture.RunAsync("app", "set", "set-web", "--self-heal");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("set-web has no automated sync to tune: add --auto-sync", refused.Stderr);

        var set = await fixture.RunAsync("app", "set", "set-web", "--revision", "v2", "--dest-namespace", "other", "--auto-sync", "--self-heal", "--sync-option", "ServerSideApply=true");
        Assert.True(set.ExitCode == 0, set.ToString());
        var app = (await fixture.GetAppAsync("set-web"))!;
        Assert.Equal("v2", app.GetPath("spec", "source", "targetRevision")?.ToString());
        Assert.Equal("other", app.GetPath("spec", "destination", "namespace")?.ToString());
        Assert.Equal("""{"enabled":true,"selfHeal":true}""", app.GetPath("spec", "syncPolicy", "automated")?.ToJsonString());
        Assert.Equal("""["CreateNamespace=true","ServerSideApply=true"]""", app.GetPath("spec", "syncPolicy", "syncOptions")?.ToJsonString());

        var off = await fixture.RunAsync("app", "set", "set-web", "--no-auto-sync");
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.Null((await fixture.GetAppAsync("set-web"))!.GetPath("spec", "syncPolicy", "automated"));
    }
}

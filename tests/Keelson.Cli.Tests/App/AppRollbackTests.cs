using Keelson.Engine.Model;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Cli.Tests.App;

/// <summary>`keelson app rollback` of an automated Application, and `keelson app set --auto-sync` to resume it.</summary>
[Collection(AppCollection.Name)]
public sealed class AppRollbackTests(AppFixture fixture)
{
    [Fact]
    public async Task Rollback_suspends_automation_visibly_and_set_auto_sync_returns_to_the_latest_revision()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("roll-web", repo, "roll-web", SampleApp.AutomatedNoSelfHeal));
        var app = await fixture.WaitForAppAsync("roll-web", a => AppFixture.Sync(a) == "Synced" && AppFixture.Health(a) == "Healthy", "Synced and Healthy");
        var first = AppFixture.Revision(app);
        var second = AppFixture.Commit(repo, "web 1.1.0", SampleApp.DevImage("1.1.0"));
        var refresh = await fixture.RunAsync("app", "get", "roll-web", "--refresh");
        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        await fixture.WaitForAppAsync("roll-web", a => AppFixture.Revision(a) == second && AppFixture.Sync(a) == "Synced", "Synced at the new revision");
        Assert.Equal("example.com/web:1.1.0", await fixture.ImageAsync("roll-web"));

        var rollback = await fixture.RunAsync("app", "rollback", "roll-web", "0", "--timeout", "30");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"Rolling roll-web back to history 0 ({first[..7]})", rollback.Stdout);
        Assert.Contains("Automated sync of roll-web is suspended so it does not undo the rollback; resume it with `keelson app set roll-web --auto-sync`", rollback.Stdout);
        Assert.Equal("example.com/web:1.0.0", await fixture.ImageAsync("roll-web"));
        app = (await fixture.GetAppAsync("roll-web"))!;
        Assert.Equal("false", app.GetPath("spec", "syncPolicy", "automated", "enabled")?.ToJsonString());
        Assert.Equal($"rolled back to history 0 ({first[..7]}) by keelson app rollback", app.GetAnnotations()[ArgoAnnotations.AutoSyncSuspended]);
        await fixture.WaitForAppAsync("roll-web", a => a.GetPath("status", "conditions")?.ToJsonString().Contains("AutoSyncSuspended") == true, "showing AutoSyncSuspended");

        var get = await fixture.RunAsync("app", "get", "roll-web");
        Assert.Matches(@"Sync Policy:\s+Manual \(automated sync suspended\)", get.Stdout);
        Assert.Contains("AutoSyncSuspended", get.Stdout);
        Assert.Contains("keelson app set roll-web --auto-sync", get.Stdout);
        // The rollback stays: automation does not sync it back.
        Assert.Equal("example.com/web:1.0.0", await fixture.ImageAsync("roll-web"));

        var history = await fixture.RunAsync("app", "history", "roll-web");
        Assert.Matches($@"2\s+\S+\s+{first[..7]}", history.Stdout);

        var resume = await fixture.RunAsync("app", "set", "roll-web", "--auto-sync");

        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.Contains("Automated sync of roll-web is resumed", resume.Stdout);
        var wait = await fixture.RunAsync("app", "wait", "roll-web", "--timeout", "30");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        app = await fixture.WaitForAppAsync("roll-web", a => AppFixture.Revision(a) == second && AppFixture.Sync(a) == "Synced"
            && a.GetPath("status", "operationState", "syncResult", "revision")?.ToString() == second, "auto-synced back to the latest revision");
        Assert.Equal("example.com/web:1.1.0", await fixture.ImageAsync("roll-web"));
        Assert.False(app.GetAnnotations().ContainsKey(ArgoAnnotations.AutoSyncSuspended));
        Assert.Equal("true", app.GetPath("spec", "syncPolicy", "automated", "enabled")?.ToJsonString());
        await fixture.WaitForAppAsync("roll-web", a => a.GetPath("status", "conditions")?.ToJsonString().Contains("AutoSyncSuspended") != true, "without AutoSyncSuspended");
    }

    [Fact]
    public async Task Rollback_without_an_earlier_entry_says_so()
    {
        var repo = fixture.NewRepo();
        await fixture.ApplyAsync(AppFixture.Application("roll-one", repo, "roll-one", SampleApp.AutomatedNoSelfHeal));
        await fixture.WaitForAppAsync("roll-one", a => AppFixture.Sync(a) == "Synced", "Synced");

        var rollback = await fixture.RunAsync("app", "rollback", "roll-one");
        Assert.Equal(1, rollback.ExitCode);
        Assert.Contains("roll-one has only one deployment in its history: there is nothing earlier to roll back to", rollback.Stderr);

        var missing = await fixture.RunAsync("app", "rollback", "roll-one", "7");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("roll-one has no history entry 7 (its entries: 0;", missing.Stderr);
    }
}

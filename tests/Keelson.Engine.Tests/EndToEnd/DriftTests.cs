using System.Diagnostics;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>The three environments' policies: dev heals drift, staging reports it, prod waits for a person.</summary>
public sealed class DriftTests
{
    private static int Replicas(System.Text.Json.Nodes.JsonObject? d) => d?.GetPath("spec", "replicas")?.GetValue<int>() ?? -1;

    [Fact]
    public async Task Dev_with_selfHeal_reverts_kubectl_scale_and_kubectl_edit_within_two_seconds()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web-dev", "apps/web/overlays/dev", "web-dev", SampleApp.Automated));
        await h.WaitForAppAsync("web-dev", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");

        var scale = await h.KubectlAsync("scale deployment/web -n web-dev --replicas=5");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        var clock = Stopwatch.StartNew();
        await h.WaitForAsync("apps/v1", "Deployment", "web-dev", "web", d => Replicas(d) == 2, "scaled back to 2 replicas", seconds: 2);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"healed after {clock.Elapsed}");

        // kubectl edit, non-interactively: the editor is a sed script that changes the ConfigMap's value.
        var editor = Path.Combine(h.Dir, "editor.sh");
        File.WriteAllText(editor, "#!/bin/sh\nsed -i 's/greeting: hello/greeting: drifted/' \"$1\"\n");
        Environment.SetEnvironmentVariable("KUBE_EDITOR", "sh " + editor);
        try
        {
            var edit = await h.KubectlAsync("edit configmap/web-settings -n web-dev");
            Assert.True(edit.ExitCode == 0, edit.Stderr + edit.Stdout);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBE_EDITOR", null);
        }
        clock.Restart();
        await h.WaitForAsync("v1", "ConfigMap", "web-dev", "web-settings", c => c?.GetPath("data", "greeting")?.ToString() == "hello", "edited value reverted", seconds: 2);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"healed after {clock.Elapsed}");
    }

    [Fact]
    public async Task Staging_without_selfHeal_reports_drift_as_OutOfSync_and_leaves_it()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web-staging", "apps/web/overlays/dev", "web-staging", SampleApp.AutomatedNoSelfHeal));
        await h.WaitForAppAsync("web-staging", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");

        var scale = await h.KubectlAsync("scale deployment/web -n web-staging --replicas=4");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        var app = await h.WaitForAppAsync("web-staging", a => EngineHarness.Sync(a) == "OutOfSync", "OutOfSync after the drift");
        Assert.Contains("\"OutOfSync\"", app.GetPath("status", "resources")!.ToJsonString());
        await Task.Delay(3000);
        app = (await h.GetAppAsync("web-staging"))!;
        Assert.Equal("OutOfSync", EngineHarness.Sync(app));
        Assert.Equal(4, Replicas(await h.GetAsync("apps/v1", "Deployment", "web-staging", "web")));
    }

    [Fact]
    public async Task Prod_with_manual_sync_stays_OutOfSync_after_a_commit_until_a_sync_operation()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web-prod", "apps/web/overlays/dev", "web-prod", SampleApp.Manual));
        var app = await h.WaitForAppAsync("web-prod", a => EngineHarness.Sync(a) == "OutOfSync", "OutOfSync before its first sync");
        Assert.Null(await h.GetAsync("apps/v1", "Deployment", "web-prod", "web"));

        await h.RequestSyncAsync("web-prod");
        await h.WaitForAppAsync("web-prod", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced after the sync operation");

        var sha = h.Commit("web 2.0.0", SampleApp.DevImage("2.0.0"));
        h.Controller.Refresh("web-prod");
        app = await h.WaitForAppAsync("web-prod", a => EngineHarness.Revision(a) == sha && EngineHarness.Sync(a) == "OutOfSync", "OutOfSync at the new revision");
        await Task.Delay(2000);
        app = (await h.GetAppAsync("web-prod"))!;
        Assert.Equal("OutOfSync", EngineHarness.Sync(app));
        Assert.Contains("1.0.0", (await h.GetAsync("apps/v1", "Deployment", "web-prod", "web"))!.ToJsonString());

        await h.RequestSyncAsync("web-prod");
        app = await h.WaitForAppAsync("web-prod", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Revision(a) == sha, "Synced at the new revision");
        Assert.Equal("Succeeded", app.GetPath("status", "operationState", "phase")!.ToString());
        Assert.Null(app["operation"]);
        Assert.Contains("2.0.0", (await h.GetAsync("apps/v1", "Deployment", "web-prod", "web"))!.ToJsonString());
    }
}

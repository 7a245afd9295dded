using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class SyncLifecycleTests
{
    [Fact]
    public async Task New_application_becomes_Synced_and_Healthy_and_a_new_image_tag_is_auto_synced_with_history()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web-dev", "apps/web/overlays/dev", "web-dev", SampleApp.Automated));

        var app = await h.WaitForAppAsync("web-dev", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");
        Assert.Single(app.GetPath("status", "history")!.AsArray());
        var deployment = await h.GetAsync("apps/v1", "Deployment", "web-dev", "web");
        Assert.Equal("web-dev:apps/Deployment:web-dev/web", deployment!.GetAnnotations()["argocd.argoproj.io/tracking-id"]);

        var sha = h.Commit("web 1.1.0", SampleApp.DevImage("1.1.0"));
        h.Controller.Refresh("web-dev");
        app = await h.WaitForAppAsync("web-dev", a => EngineHarness.Revision(a) == sha && EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced at the new revision");
        Assert.Equal(2, app.GetPath("status", "history")!.AsArray().Count);
        deployment = await h.GetAsync("apps/v1", "Deployment", "web-dev", "web");
        Assert.Equal("example.com/web:1.1.0", deployment!.GetPath("spec", "template", "spec", "containers")!.AsArray()[0]!["image"]!.ToString());
        Assert.Contains("example.com/web:1.1.0", app.GetPath("status", "summary", "images")!.ToJsonString());
    }
}

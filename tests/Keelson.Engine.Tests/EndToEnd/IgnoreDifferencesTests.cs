using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class IgnoreDifferencesTests
{
    [Theory]
    [InlineData("jsonPointers: [/spec/replicas]")]
    [InlineData("jqPathExpressions: [.spec.replicas]")]
    [InlineData("managedFieldsManagers: [kubectl]")]
    public async Task Replicas_changed_by_someone_else_and_ignored_keep_the_app_Synced_and_are_not_reverted(string rule)
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated, extraSpec: $"""
            ignoreDifferences:
              - group: apps
                kind: Deployment
                {rule}
            """));
        await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");

        // As an autoscaler would: another manager sets the replicas.
        var scale = await h.KubectlAsync("scale deployment/web -n web --replicas=4");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        h.Controller.Refresh("web");
        await Task.Delay(2500);
        var app = (await h.GetAppAsync("web"))!;
        Assert.Equal("Synced", EngineHarness.Sync(app));
        Assert.Equal(4, (await h.GetAsync("apps/v1", "Deployment", "web", "web"))!.GetPath("spec", "replicas")!.GetValue<int>());

        // A difference the rule does not cover is still seen (and healed: selfHeal).
        var image = await h.KubectlAsync("set image deployment/web -n web web=example.com/web:9.9.9");
        Assert.True(image.ExitCode == 0, image.Stderr);
        await h.WaitForAsync("apps/v1", "Deployment", "web", "web", d => d?.ToJsonString().Contains("web:1.0.0") == true, "image healed back to 1.0.0", seconds: 10);
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class OperationStateTests
{
    [Fact]
    public async Task A_second_sync_that_ends_like_the_first_is_recorded_Succeeded_not_left_Running()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web-ops", "apps/web/overlays/dev", "web-ops", SampleApp.Manual));
        await h.WaitForAppAsync("web-ops", a => EngineHarness.Sync(a) == "OutOfSync", "OutOfSync");
        var type = (await h.Client.FindAsync("argoproj.io/v1alpha1", "Application"))!;

        foreach (var attempt in new[] { 1, 2 })
        {
            await h.Client.MergePatchAsync(type, "argocd", "web-ops", JsonNode.Parse("""{"operation":{"sync":{},"initiatedBy":{"username":"test"}}}""")!.AsObject());
            var app = await h.WaitForAppAsync("web-ops", a => a["operation"] is null && a.GetPath("status", "operationState", "phase")?.ToString() is not "Running"
                && a.GetPath("status", "history")?.AsArray().Count == attempt, $"done with sync {attempt}");
            Assert.Equal("Succeeded", app.GetPath("status", "operationState", "phase")?.ToString());
        }
    }
}

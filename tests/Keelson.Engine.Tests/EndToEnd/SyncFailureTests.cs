using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class SyncFailureTests
{
    private static string Job(string name, string hook, int exitCode) => $"""
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {name}
          annotations:
            argocd.argoproj.io/hook: {hook}
        spec:
          backoffLimit: 0
          template:
            metadata:
              annotations:
                sim.keelson.dev/exit-code: "{exitCode}"
                sim.keelson.dev/run-for: 200ms
            spec:
              restartPolicy: Never
              containers:
                - name: {name}
                  image: example.com/{name}:1
        """;

    [Fact]
    public async Task A_failing_PreSync_hook_stops_the_sync_is_retried_with_backoff_then_runs_the_SyncFail_hook()
    {
        await using var h = await EngineHarness.StartAsync(repo =>
        {
            Directory.CreateDirectory(Path.Combine(repo, "app"));
            File.WriteAllText(Path.Combine(repo, "app/kustomization.yaml"), "resources: [migrate.yaml, notify.yaml, settings.yaml]\n");
            File.WriteAllText(Path.Combine(repo, "app/migrate.yaml"), Job("migrate", "PreSync", 1));
            File.WriteAllText(Path.Combine(repo, "app/notify.yaml"), Job("notify", "SyncFail", 0));
            File.WriteAllText(Path.Combine(repo, "app/settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {a: b}\n");
        });
        await h.ApplyAsync(h.Application("jobs", "app", "jobs", """
            syncPolicy:
              automated:
                prune: true
              syncOptions:
                - CreateNamespace=true
              retry:
                limit: 1
                backoff:
                  duration: 1s
                  factor: 2
                  maxDuration: 5s
            """));

        var app = await h.WaitForAppAsync("jobs", a => a.GetPath("status", "operationState", "phase")?.ToString() == "Failed", "Failed after its retry", seconds: 60);
        var state = app.GetPath("status", "operationState")!;
        Assert.Equal(1, state["retryCount"]!.GetValue<long>());
        Assert.Contains("migrate", state["message"]!.ToString());
        Assert.Contains("SyncError", EngineHarness.Conditions(app));
        // The Sync phase never ran; the SyncFail hook did.
        Assert.Null(await h.GetAsync("v1", "ConfigMap", "jobs", "settings"));
        await h.WaitForAsync("batch/v1", "Job", "jobs", "notify", j => j?.GetPath("status", "succeeded")?.ToString() == "1", "the SyncFail hook completed");
        var results = state["syncResult"]!["resources"]!.AsArray().OfType<JsonObject>().Select(r => $"{r["name"]}:{r["status"]}").ToList();
        Assert.Contains("migrate:SyncFailed", results);
        // No further automated attempt at the same revision: the operation stays Failed.
        await Task.Delay(2500);
        Assert.Equal("Failed", (await h.GetAppAsync("jobs"))!.GetPath("status", "operationState", "phase")!.ToString());
    }
}

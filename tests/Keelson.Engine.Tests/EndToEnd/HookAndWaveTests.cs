using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class HookAndWaveTests
{
    private static readonly Dictionary<string, string?> Files = new()
    {
        ["app/kustomization.yaml"] = "resources: [presync.yaml, wave-minus-one.yaml, deployment.yaml]\n",
        ["app/presync.yaml"] = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              annotations:
                argocd.argoproj.io/hook: PreSync
                argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: migrate
                      image: example.com/migrate:1
            """,
        ["app/wave-minus-one.yaml"] = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: seed-data
              annotations:
                argocd.argoproj.io/sync-wave: "-1"
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: seed
                      image: example.com/seed:1
            """,
        ["app/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              replicas: 1
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                    - name: api
                      image: example.com/api:1
            """,
    };

    [Fact]
    public async Task A_PreSync_Job_completes_before_wave_minus_one_which_is_healthy_before_wave_zero()
    {
        await using var h = await EngineHarness.StartAsync(repo =>
        {
            foreach (var (path, content) in Files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repo, path))!);
                File.WriteAllText(Path.Combine(repo, path), content);
            }
        });
        await h.ApplyAsync(h.Application("api", "app", "api", SampleApp.Automated));
        var app = await h.WaitForAppAsync("api", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy", seconds: 60);

        var results = app.GetPath("status", "operationState", "syncResult", "resources")!.AsArray().OfType<JsonObject>().ToList();
        var order = results.Select(r => $"{r["kind"]}/{r["name"]}").ToList();
        Assert.Equal(["Job/migrate", "Job/seed-data", "Deployment/api"], order);
        Assert.Equal("PreSync", results[0]["hookType"]!.ToString());
        Assert.Equal("Succeeded", results[0]["hookPhase"]!.ToString());
        Assert.Equal("PreSync", results[0]["syncPhase"]!.ToString());

        var migrate = (await h.GetAsync("batch/v1", "Job", "api", "migrate"))!;
        var seed = (await h.GetAsync("batch/v1", "Job", "api", "seed-data"))!;
        var api = (await h.GetAsync("apps/v1", "Deployment", "api", "api"))!;
        // Each step started only after the one before it finished (timestamps have one-second resolution).
        Assert.True(string.CompareOrdinal(migrate.GetPath("status", "completionTime")!.ToString(), seed.GetPath("metadata", "creationTimestamp")!.ToString()) <= 0);
        Assert.True(string.CompareOrdinal(seed.GetPath("status", "completionTime")!.ToString(), api.GetPath("metadata", "creationTimestamp")!.ToString()) <= 0);
        // Hooks are not part of the compared resources.
        Assert.DoesNotContain("migrate", app.GetPath("status", "resources")!.ToJsonString());
    }
}

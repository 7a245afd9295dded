using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

public sealed class PruneTests
{
    [Fact]
    public async Task An_object_deleted_from_Git_is_pruned_one_marked_Prune_false_is_kept_and_an_unmanaged_one_is_never_touched()
    {
        await using var h = await EngineHarness.StartAsync(repo =>
        {
            SampleApp.Seed(repo);
            File.WriteAllText(Path.Combine(repo, "apps/web/base/keep.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: keep-me
                  annotations:
                    argocd.argoproj.io/sync-options: Prune=false
                data: {a: b}
                """);
            File.WriteAllText(Path.Combine(repo, "apps/web/base/kustomization.yaml"), """
                resources: [deployment.yaml, service.yaml, configmap.yaml, keep.yaml]
                """);
        });
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated));
        await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced" && EngineHarness.Health(a) == "Healthy", "Synced and Healthy");
        // Something else's object in the same namespace: no tracking id of this app.
        var unmanaged = await h.KubectlAsync("create configmap unmanaged -n web --from-literal=x=y");
        Assert.True(unmanaged.ExitCode == 0, unmanaged.Stderr);

        h.Commit("drop the settings and keep-me", new Dictionary<string, string?>
        {
            ["apps/web/base/kustomization.yaml"] = "resources: [deployment.yaml, service.yaml]\n",
        });
        h.Controller.Refresh("web");
        await h.WaitForAsync("v1", "ConfigMap", "web", "web-settings", c => c is null, "pruned");
        var app = await h.WaitForAppAsync("web", a => a.GetPath("status", "operationState", "syncResult")?.ToJsonString().Contains("ignored (no prune)") == true, "sync finished");
        Assert.NotNull(await h.GetAsync("v1", "ConfigMap", "web", "keep-me"));
        Assert.NotNull(await h.GetAsync("v1", "ConfigMap", "web", "unmanaged"));
        // The kept object still needs pruning: the app says so instead of pretending to be in sync.
        Assert.Equal("OutOfSync", EngineHarness.Sync(app));
        Assert.Contains("\"requiresPruning\":true", app.GetPath("status", "resources")!.ToJsonString());
        Assert.DoesNotContain("unmanaged", app.GetPath("status", "resources")!.ToJsonString());
    }

    [Fact]
    public async Task Deleting_an_Application_with_the_resources_finalizer_deletes_what_it_deployed()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        var manifest = h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated)
            .Replace("  namespace: argocd\n", "  namespace: argocd\n  finalizers: [resources-finalizer.argocd.argoproj.io]\n");
        await h.ApplyAsync(manifest);
        await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced", "Synced");
        var delete = await h.KubectlAsync("delete application web -n argocd --wait=false");
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        await h.WaitForAsync("apps/v1", "Deployment", "web", "web", d => d is null, "deleted with the Application");
        await h.WaitForAsync("argoproj.io/v1alpha1", "Application", "argocd", "web", a => a is null, "gone once its resources are");
        Assert.Null(await h.GetAsync("v1", "ConfigMap", "web", "web-settings"));
    }
}

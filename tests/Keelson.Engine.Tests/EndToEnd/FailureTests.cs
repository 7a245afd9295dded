using Keelson.Resources;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>Bad input never half-applies: the Application gets a condition that names the file and object, and the cluster is left as it was.</summary>
public sealed class FailureTests
{
    public static TheoryData<string, string, string, string> BrokenCommits => new()
    {
        {
            "broken YAML", "apps/web/base/service.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n   targetPort: 8080\n",
            "service.yaml"
        },
        {
            "unknown kind", "apps/web/base/service.yaml",
            "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: web\nspec: {}\n",
            "Widget/web"
        },
        {
            "invalid field", "apps/web/base/service.yaml",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  prots:\n    - port: 80\n",
            "Service/web/web"
        },
        {
            "kustomization error", "apps/web/base/kustomization.yaml",
            "resources:\n  - deployment.yaml\n  - missing.yaml\n",
            "missing.yaml"
        },
        {
            "misspelled base", "apps/web/overlays/dev/kustomization.yaml",
            "resources:\n  - ../../bsae\n",
            "apps/web/overlays/dev/kustomization.yaml: accumulating resources: accumulation err='accumulating resources from '../../bsae': evalsymlink failure on 'apps/web/bsae' : lstat apps/web/bsae: no such file or directory'"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenCommits))]
    public async Task A_bad_commit_gives_a_ComparisonError_naming_the_culprit_and_applies_nothing(string what, string path, string content, string named)
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated));
        await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced", "Synced");
        var deploymentBefore = (await h.GetAsync("apps/v1", "Deployment", "web", "web"))!.GetResourceVersion();

        // The same commit also changes the Deployment: it must not be applied while another object is broken.
        var files = new Dictionary<string, string?>(SampleApp.DevImage("9.9.9")) { [path] = content };
        h.Commit(what, files);
        h.Controller.Refresh("web");
        var app = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("ComparisonError"), $"in ComparisonError ({what})");
        Assert.Contains(named, EngineHarness.Conditions(app));
        await Task.Delay(1000);
        var deployment = (await h.GetAsync("apps/v1", "Deployment", "web", "web"))!;
        Assert.DoesNotContain("9.9.9", deployment.ToJsonString());
        Assert.NotNull(await h.GetAsync("v1", "Service", "web", "web"));
        Assert.True(deployment.GetResourceVersion() == deploymentBefore || !deployment.ToJsonString().Contains("9.9.9"));
    }

    [Fact]
    public async Task Unreachable_repository_and_missing_revision_give_a_condition_and_leave_the_deployed_state()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated));
        await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced", "Synced");

        await h.PatchAppAsync("web", """{"spec":{"source":{"targetRevision":"no-such-branch"}}}""");
        var app = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("no-such-branch"), "in ComparisonError for the missing revision");
        Assert.Contains("ComparisonError", EngineHarness.Conditions(app));

        var gone = Path.Combine(h.Dir, "no-such-repo");
        await h.PatchAppAsync("web", """{"spec":{"source":{"repoURL":"GONE","targetRevision":"main"}}}""".Replace("GONE", gone));
        app = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("no-such-repo"), "in ComparisonError for the unreachable repository");
        await Task.Delay(1000);
        Assert.NotNull(await h.GetAsync("apps/v1", "Deployment", "web", "web"));
        Assert.NotNull(await h.GetAsync("v1", "ConfigMap", "web", "web-settings"));
    }

    [Fact]
    public async Task A_project_that_does_not_permit_the_repository_or_a_cluster_scoped_kind_gives_InvalidSpecError()
    {
        await using var h = await EngineHarness.StartAsync(repo =>
        {
            SampleApp.Seed(repo);
            Directory.CreateDirectory(Path.Combine(repo, "cluster"));
            File.WriteAllText(Path.Combine(repo, "cluster/ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n");
        });
        await h.ApplyAsync($"""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: locked
              namespace: argocd
            spec:
              sourceRepos: ["{h.Repo}"]
              destinations:
                - server: https://kubernetes.default.svc
                  namespace: "*"
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: elsewhere
              namespace: argocd
            spec:
              sourceRepos: ["https://github.com/other/*"]
              destinations:
                - server: "*"
                  namespace: "*"
              clusterResourceWhitelist:
                - group: "*"
                  kind: "*"
            """);
        await h.ApplyAsync(h.Application("ns", "cluster", "default", SampleApp.Automated, project: "locked"));
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated, project: "elsewhere"));
        var ns = await h.WaitForAppAsync("ns", a => EngineHarness.Conditions(a).Contains("InvalidSpecError"), "InvalidSpecError");
        Assert.Contains("Namespace", EngineHarness.Conditions(ns));
        Assert.Contains("not permitted in project locked", EngineHarness.Conditions(ns));
        var web = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("InvalidSpecError"), "InvalidSpecError");
        Assert.True(EngineHarness.Conditions(web).Contains("is not permitted in project 'elsewhere'"), EngineHarness.Conditions(web));
        Assert.Null(await h.GetAsync("v1", "Namespace", null, "team-a"));
        Assert.Null(await h.GetAsync("apps/v1", "Deployment", "web", "web"));
    }
}

namespace Keelson.Cli.Tests.Admin;

/// <summary>`keelson admin settings resource-overrides …` as a process, printing what `argocd admin settings resource-overrides` prints.</summary>
public sealed class ResourceOverridesCommandTests
{
    private const string ArgocdCm = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: argocd-cm
          namespace: argocd
        data:
          resource.customizations.health.argoproj.io_Rollout: |
            if obj.spec.paused then
              return {status = "Suspended", message = "Rollout is paused at step " .. obj.status.currentStepIndex}
            end
            return {status = "Healthy"}
          resource.customizations.actions.argoproj.io_Rollout: |
            discovery.lua: |
              return {resume = {disabled = not obj.spec.paused}, ["set-replicas"] = {params = {{name = "replicas"}}}, promote = {}}
            definitions:
            - name: resume
              action.lua: |
                obj.spec.paused = false
                return obj
            - name: set-replicas
              action.lua: |
                obj.spec.replicas = tonumber(actionParams.replicas)
                return obj
            - name: promote
              action.lua: |
                local analysis = {apiVersion = "argoproj.io/v1alpha1", kind = "AnalysisRun", metadata = {name = obj.metadata.name .. "-promote", namespace = obj.metadata.namespace}}
                return {{operation = "create", resource = analysis}}
          resource.customizations.ignoreDifferences.argoproj.io_Rollout: |
            jsonPointers:
            - /spec/replicas
          resource.customizations.ignoreResourceUpdates.argoproj.io_Rollout: |
            jsonPointers:
            - /metadata/annotations/example.com~1last-seen
        """;

    private const string Rollout = """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata:
          name: checkout
          namespace: shop
          annotations:
            example.com/last-seen: "2025-01-01"
        spec:
          paused: true
          replicas: 3
        status:
          currentStepIndex: 2
        """;

    private static (string Object, string ConfigMap) Files(string obj = Rollout)
    {
        var dir = Directory.CreateTempSubdirectory("keelson-overrides-").FullName;
        File.WriteAllText(Path.Combine(dir, "object.yaml"), obj);
        File.WriteAllText(Path.Combine(dir, "argocd-cm.yaml"), ArgocdCm);
        return (Path.Combine(dir, "object.yaml"), Path.Combine(dir, "argocd-cm.yaml"));
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var (code, stdout, stderr) = await KustomizeFixtures.KeelsonAsync(["admin", "settings", "resource-overrides", .. arguments]);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return stdout;
    }

    [Fact]
    public async Task Health_prints_the_status_and_message_the_script_gives_or_says_none_is_configured()
    {
        var (obj, cm) = Files();
        Assert.Equal("STATUS: Suspended\nMESSAGE: Rollout is paused at step 2\n", await RunAsync("health", obj, "--argocd-cm-path", cm));
        var (widget, _) = Files("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        Assert.Equal("Health script is not configured for 'example.com/Widget'\n", await RunAsync("health", widget, "--argocd-cm-path", cm));
        // Built-in rules count, as in Argo CD.
        var (pvc, _) = Files("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nstatus:\n  phase: Bound\n");
        Assert.Equal("STATUS: Healthy\nMESSAGE: \n", await RunAsync("health", pvc, "--argocd-cm-path", cm));
    }

    [Fact]
    public async Task List_actions_prints_a_table_by_name()
    {
        var (obj, cm) = Files();
        Assert.Equal("NAME          DISABLED\npromote       false\nresume        false\nset-replicas  false\n", await RunAsync("list-actions", obj, "--argocd-cm-path", cm));
        var (deployment, _) = Files("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n");
        Assert.Equal("Actions are not configured for 'apps/Deployment'\n", await RunAsync("list-actions", deployment, "--argocd-cm-path", cm));
    }

    [Fact]
    public async Task Run_action_prints_the_fields_changed_or_the_resource_created()
    {
        var (obj, cm) = Files();
        Assert.Equal("Following fields have been changed:\n\n9c9\n<   paused: true\n---\n>   paused: false\n",
            await RunAsync("run-action", obj, "resume", "--argocd-cm-path", cm));
        Assert.Equal("Following fields have been changed:\n\n10c10\n<   replicas: 3\n---\n>   replicas: 5\n",
            await RunAsync("run-action", obj, "set-replicas", "--param", "replicas=5", "--argocd-cm-path", cm));
        Assert.Equal("Following resource was created:\napiVersion: argoproj.io/v1alpha1\nkind: AnalysisRun\nmetadata:\n  name: checkout-promote\n  namespace: shop\n\n",
            await RunAsync("run-action", obj, "promote", "--argocd-cm-path", cm));

        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("admin", "settings", "resource-overrides", "run-action", obj, "abort", "--argocd-cm-path", cm);
        Assert.Equal(1, code);
        Assert.Equal("keelson: action abort is not defined for 'argoproj.io/Rollout'\n", stderr);
    }

    [Fact]
    public async Task Ignore_differences_and_resource_updates_print_the_fields_left_out()
    {
        var (obj, cm) = Files();
        // argocd-cm's own rule for the kind, and status, which Argo CD leaves out of every comparison by default.
        Assert.Equal("Following fields are ignored:\n\n10,12d9\n<   replicas: 3\n< status:\n<   currentStepIndex: 2\n",
            await RunAsync("ignore-differences", obj, "--argocd-cm-path", cm));
        // Updates also ignore what comparisons ignore (compareoptions' ignoreDifferencesOnResourceUpdates is true by default).
        // An emptied map is left out, where Argo CD would print it as {}.
        Assert.Equal("Following fields are ignored:\n\n4,5d3\n<   annotations:\n<     example.com/last-seen: \"2025-01-01\"\n10,12d7\n<   replicas: 3\n< status:\n<   currentStepIndex: 2\n",
            await RunAsync("ignore-resource-updates", obj, "--argocd-cm-path", cm));
        var (pod, _) = Files("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n");
        Assert.Equal("Ignore differences are not configured for '/Pod'\n", await RunAsync("ignore-differences", pod, "--argocd-cm-path", cm));
    }
}

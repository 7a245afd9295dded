using Keelson.Engine.Customizations;

namespace Keelson.Engine.Tests.Lua;

/// <summary>How argocd-cm's keys become resource overrides, as Argo CD's settings manager reads them.</summary>
public sealed class ResourceOverridesTests
{
    private static ResourceOverrides Parse(params (string Key, string Value)[] data) =>
        ResourceOverrides.Parse(data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal));

    [Fact]
    public void Split_keys_are_laid_over_the_combined_key_and_all_means_every_kind()
    {
        var overrides = Parse(
            ("resource.customizations", "apps/Deployment:\n  health.lua: return {status = 'Healthy'}\n  ignoreDifferences: |\n    jsonPointers: [/spec/replicas]\nConfigMap:\n  health.lua: return nil\n"),
            ("resource.customizations.health.apps_Deployment", "return {status = 'Degraded'}"),
            ("resource.customizations.useOpenLibs.apps_Deployment", "true"),
            ("resource.customizations.ignoreDifferences.all", "managedFieldsManagers: [kube-controller-manager]"),
            ("resource.customizations.knownTypeFields.argoproj.io_Rollout", "- field: spec.template.spec.containers.resources.limits.cpu\n  type: core/Quantity"));
        Assert.Empty(overrides.Errors);
        var deployment = overrides.Exact("apps", "Deployment")!;
        Assert.Equal("return {status = 'Degraded'}", deployment.HealthLua);
        Assert.True(deployment.UseOpenLibs);
        Assert.Equal(["/spec/replicas"], deployment.IgnoreDifferences.JsonPointers);
        Assert.Equal("return nil", overrides.Exact("", "ConfigMap")!.HealthLua);
        Assert.Equal(["kube-controller-manager"], overrides.ByKey["*/*"].IgnoreDifferences.ManagedFieldsManagers);
        Assert.Equal(new KnownTypeField("spec.template.spec.containers.resources.limits.cpu", "core/Quantity"), Assert.Single(overrides.Exact("argoproj.io", "Rollout")!.KnownTypeFields));
    }

    [Fact]
    public void What_cannot_be_read_is_reported_by_key_and_the_rest_stays()
    {
        var overrides = Parse(
            ("resource.customizations.useOpenLibs.apps_Deployment", "maybe"),
            ("resource.customizations.colour.apps_Deployment", "blue"),
            ("resource.customizations.health.a_b_c", "return nil"),
            ("resource.customizations.actions.apps_StatefulSet", "definitions:\n- action.lua: return obj"),
            ("resource.customizations.health.apps_DaemonSet", "return {status = 'Healthy'}"));
        Assert.Equal(
        [
            "argocd-cm resource.customizations.actions.apps_StatefulSet: actions: each of definitions needs a name",
            "argocd-cm resource.customizations.colour.apps_Deployment: resource customization type colour not supported",
            "argocd-cm resource.customizations.health.a_b_c: group kind should be in format `resource.customizations.<type>.<group_kind>` or resource.customizations.<type>.<kind>`, got group kind: 'a_b_c'",
            "argocd-cm resource.customizations.useOpenLibs.apps_Deployment: 'maybe' is not a boolean",
        ], overrides.Errors);
        Assert.NotNull(overrides.Health("apps", "DaemonSet"));
    }

    [Theory]
    [InlineData("", "*/*")]
    [InlineData("ignoreResourceStatusField: all", "*/*")]
    [InlineData("ignoreResourceStatusField: crd", "apiextensions.k8s.io/CustomResourceDefinition")]
    [InlineData("ignoreResourceStatusField: none", null)]
    [InlineData("ignoreResourceStatusField: off", null)]
    public void Compare_options_say_whose_status_is_left_out(string options, string? key)
    {
        var overrides = Parse(("resource.compareoptions", options));
        var status = overrides.IgnoreRules().Where(r => r.JsonPointers.Contains("/status")).Select(r => r.Group + "/" + r.Kind).ToList();
        Assert.Equal(key is null ? [] : [key], status);
    }

    [Fact]
    public void Resource_updates_ignore_what_comparisons_ignore_unless_compare_options_say_not()
    {
        var data = ("resource.customizations.ignoreDifferences.apps_Deployment", "jsonPointers: [/spec/replicas]");
        var updates = Parse(data, ("resource.customizations.ignoreResourceUpdates.apps_Deployment", "jsonPointers: [/metadata/annotations]")).IgnoreRules(resourceUpdates: true);
        Assert.Equal(["/metadata/annotations", "/spec/replicas"], updates.Single(r => r.Kind == "Deployment").JsonPointers);
        Assert.Equal(["/status", "/metadata/resourceVersion", "/metadata/generation", "/metadata/managedFields"], updates.Single(r => r.Kind == "*").JsonPointers);
        var separate = Parse(data, ("resource.compareoptions", "ignoreDifferencesOnResourceUpdates: false")).IgnoreRules(resourceUpdates: true);
        Assert.DoesNotContain(separate, r => r.Kind == "Deployment");
    }

    [Theory]
    [InlineData("", "Deployment", "https://kubernetes.default.svc", false)]
    [InlineData("", "Event", "https://kubernetes.default.svc", true)]
    [InlineData("coordination.k8s.io", "Lease", "https://kubernetes.default.svc", true)]
    [InlineData("cilium.io", "CiliumIdentity", "https://kubernetes.default.svc", true)]
    [InlineData("apps", "Deployment", "https://prod.example.com", false)]
    [InlineData("batch", "Job", "https://prod.example.com", true)]
    [InlineData("batch", "Job", "https://kubernetes.default.svc", false)]
    public void Exclusions_and_inclusions_decide_which_kinds_are_left_alone(string group, string kind, string cluster, bool excluded)
    {
        var overrides = Parse(
            ("resource.exclusions", "- apiGroups: [\"*.io\"]\n  kinds: [\"*\"]\n  clusters: [\"*\"]\n"),
            ("resource.inclusions", "- apiGroups: [\"\", apps]\n  kinds: [\"*\"]\n  clusters: [https://prod.example.com]\n"));
        Assert.Empty(overrides.Errors);
        Assert.Equal(excluded, overrides.Filter.IsExcluded(group, kind, cluster));
    }

    [Fact]
    public void An_update_that_changes_only_ignored_fields_and_not_the_health_is_not_worth_a_reconcile()
    {
        var customizations = ResourceCustomizations.FromConfigMapData(new Dictionary<string, string>
        {
            ["resource.customizations.ignoreResourceUpdates.apps_Deployment"] = "jsonPointers: [/metadata/annotations/example.com~1heartbeat]",
        });
        var old = Deployment("1", heartbeat: "a", ready: 1);
        Assert.True(customizations.IgnoresUpdate(old, Deployment("2", heartbeat: "b", ready: 1)));
        // Status counts when the health it gives changes; the spec always counts.
        Assert.False(customizations.IgnoresUpdate(old, Deployment("2", heartbeat: "a", ready: 2)));
        Assert.False(customizations.IgnoresUpdate(old, Deployment("2", heartbeat: "a", ready: 1, replicas: 3)));
        var disabled = ResourceCustomizations.FromConfigMapData(new Dictionary<string, string> { ["resource.ignoreResourceUpdatesEnabled"] = "false" });
        Assert.False(disabled.IgnoresUpdate(old, Deployment("2", heartbeat: "a", ready: 1)));
    }

    private static System.Text.Json.Nodes.JsonObject Deployment(string resourceVersion, string heartbeat, int ready, int replicas = 2) =>
        System.Text.Json.Nodes.JsonNode.Parse($$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","resourceVersion":"{{{resourceVersion}}}","generation":1,"annotations":{"example.com/heartbeat":"{{{heartbeat}}}"}},
             "spec":{"replicas":{{{replicas}}}},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":{{{ready}}}}}
            """)!.AsObject();

    [Fact]
    public void Ignore_aggregated_roles_leaves_out_the_rules_of_aggregated_ClusterRoles_only()
    {
        var rules = Parse(("resource.compareoptions", "ignoreAggregatedRoles: true")).IgnoreRules();
        var aggregated = System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"view-all"},"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"x":"y"}}]},"rules":[{"verbs":["get"]}]}""")!.AsObject();
        var plain = System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"reader"},"rules":[{"verbs":["get"]}]}""")!.AsObject();
        Assert.Null(Keelson.Engine.Diff.ResourceDiff.WithoutIgnored(aggregated, rules)["rules"]);
        Assert.NotNull(Keelson.Engine.Diff.ResourceDiff.WithoutIgnored(plain, rules)["rules"]);
        Assert.DoesNotContain(Parse().IgnoreRules(), r => r.AggregatedOnly);
    }
}

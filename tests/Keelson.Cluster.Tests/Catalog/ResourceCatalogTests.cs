using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Catalog;

public class ResourceCatalogTests
{
    [Theory]
    [InlineData("apps", "v1", "deployments", "Deployment", true, "deploy")]
    [InlineData("", "v1", "namespaces", "Namespace", false, "ns")]
    [InlineData("", "v1", "persistentvolumes", "PersistentVolume", false, "pv")]
    [InlineData("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crds")]
    [InlineData("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, "hpa")]
    [InlineData("batch", "v1", "cronjobs", "CronJob", true, "cj")]
    public void Builtin_types_have_real_names_and_scope(string group, string version, string plural, string kind, bool namespaced, string shortName)
    {
        var t = ResourceCatalog.CreateBuiltin().Find(group, version, plural);
        Assert.NotNull(t);
        Assert.Equal(kind, t.Kind);
        Assert.Equal(namespaced, t.Namespaced);
        Assert.Contains(shortName, t.ShortNames);
    }

    [Fact]
    public void Scale_subresource_only_on_replicated_workloads()
    {
        var scaled = ResourceCatalog.CreateBuiltin().All.Where(t => t.Scale is not null).Select(t => t.Plural).Order().ToList();
        Assert.Equal(["deployments", "replicasets", "replicationcontrollers", "statefulsets"], scaled);
    }

    [Fact]
    public void Group_versions_start_with_core_and_prefer_autoscaling_v2()
    {
        var gvs = ResourceCatalog.CreateBuiltin().GroupVersions.ToList();
        Assert.Equal(new GroupVersion("", "v1"), gvs[0]);
        Assert.True(gvs.IndexOf(new GroupVersion("autoscaling", "v2")) < gvs.IndexOf(new GroupVersion("autoscaling", "v1")));
    }

    [Fact]
    public void Registering_a_crd_serves_its_types_and_bumps_generation()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        var before = catalog.Generation;
        var types = CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out var errors);
        Assert.Empty(errors);
        catalog.RegisterCustom("applications.argoproj.io", types);
        Assert.Equal(before + 1, catalog.Generation);
        Assert.NotNull(catalog.FindByKind(new GroupVersionKind("argoproj.io", "v1alpha1", "Application")));
        Assert.Equal("applications", catalog.Resolve("argoproj.io", "app")?.Plural);
        Assert.Contains(new GroupVersion("argoproj.io", "v1alpha1"), catalog.GroupVersions);

        catalog.UnregisterCustom("applications.argoproj.io");
        Assert.Equal(before + 2, catalog.Generation);
        Assert.Null(catalog.Find("argoproj.io", "v1alpha1", "applications"));
    }

    [Fact]
    public void Concurrent_registration_is_safe()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        var types = CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _);
        Parallel.For(0, 200, i =>
        {
            catalog.RegisterCustom($"c{i % 7}", types.Select(t => t with { Plural = $"p{i % 7}" }).ToList());
            _ = catalog.All.Count;
            if (i % 3 == 0) catalog.UnregisterCustom($"c{i % 7}");
        });
        Assert.True(catalog.Generation > 1);
    }

    [Fact]
    public void Argo_cd_application_crd_gives_one_namespaced_type_with_status()
    {
        var types = ResourceType.FromCrd(TestObjects.ApplicationCrd(), out var errors);
        Assert.Empty(errors);
        var app = Assert.Single(types);
        Assert.Equal(("argoproj.io", "v1alpha1", "Application", "applications", "application"), (app.Group, app.Version, app.Kind, app.Plural, app.Singular));
        Assert.True(app.Namespaced);
        Assert.True(app.HasStatus);
        Assert.Null(app.Scale);
        Assert.Equal(["app", "apps"], app.ShortNames);
        Assert.Equal(4, app.PrinterColumns!.Count);
        Assert.NotNull(app.Schema);
        Assert.True(app.IsCustom);
    }

    [Fact]
    public void Crd_with_scale_and_unserved_version()
    {
        var crd = TestObjects.Parse("""
        {"metadata":{"name":"widgets.example.com"},"spec":{"group":"example.com","scope":"Cluster",
         "names":{"plural":"widgets","kind":"Widget","categories":["all"]},
         "versions":[
           {"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object"}},
            "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas","labelSelectorPath":".status.selector"}}},
           {"name":"v1beta1","served":false,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}
        """);
        var t = Assert.Single(CrdTypes.FromCrd(crd, out var errors));
        Assert.Empty(errors);
        Assert.False(t.Namespaced);
        Assert.Equal("widget", t.Singular);
        Assert.Equal(new ScaleSubresource(".spec.replicas", ".status.replicas", ".status.selector"), t.Scale);
        Assert.Equal(["all"], t.Categories);
    }

    [Fact]
    public void Malformed_crd_reports_every_problem()
    {
        var crd = TestObjects.Parse("""
        {"metadata":{"name":"wrong.example.com"},"spec":{"group":"example.com","scope":"Galaxy",
         "names":{"plural":"widgets"},
         "versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}},
                     {"name":"v2","served":true,"storage":false}]}}
        """);
        var types = CrdTypes.FromCrd(crd, out var errors);
        Assert.Empty(types);
        var messages = errors.Select(e => e.Message).ToList();
        Assert.Contains("metadata.name: Invalid value: \"wrong.example.com\": must be spec.names.plural+\".\"+spec.group", messages);
        Assert.Contains("spec.names.kind: Required value", messages);
        Assert.Contains("spec.scope: Unsupported value: \"Galaxy\": supported values: \"Cluster\", \"Namespaced\"", messages);
        Assert.Contains(errors, e => e.Field == "spec.versions" && e.Message.EndsWith("must have exactly one version marked as storage version", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "spec.versions[1].schema.openAPIV3Schema" && e.Type == FieldErrorType.Required);
    }

    [Fact]
    public void Crd_without_group_names_or_versions()
    {
        CrdTypes.FromCrd(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" }, ["spec"] = new JsonObject() }, out var errors);
        var fields = errors.Select(e => e.Field).ToList();
        Assert.Contains("spec.group", fields);
        Assert.Contains("spec.names.plural", fields);
        Assert.Contains("spec.versions", fields);
    }
}

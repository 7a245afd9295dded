using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Catalog;

public class OpenApiSchemaTests
{
    private const string RefPrefix = "#/components/schemas/";

    private static readonly ResourceCatalog Catalog = ResourceCatalog.CreateBuiltin();

    private static JsonObject Schemas(string group, string version) =>
        OpenApi.ForGroupVersion(Catalog, new GroupVersion(group, version))!["components"]!["schemas"]!.AsObject();

    // Follows a property the way kubectl does: allOf[0], then $ref, then (for arrays) items.
    private static JsonObject Resolve(JsonObject schemas, JsonNode? schema)
    {
        var s = schema!.AsObject();
        if (s["items"] is JsonObject items) s = items;
        if (s["allOf"] is JsonArray allOf) s = allOf[0]!.AsObject();
        if (s["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>();
            Assert.StartsWith(RefPrefix, name);
            s = schemas[name[RefPrefix.Length..]]!.AsObject();
        }
        return s;
    }

    private static JsonObject Property(JsonObject schema, string name) =>
        schema["properties"]?[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no property {name} in {schema.ToJsonString()[..Math.Min(300, schema.ToJsonString().Length)]}");

    [Fact]
    public void Deployment_schema_reaches_the_containers_of_its_pod_spec_with_their_merge_key()
    {
        var schemas = Schemas("apps", "v1");
        var deployment = schemas["io.k8s.api.apps.v1.Deployment"]!.AsObject();
        var gvk = deployment["x-kubernetes-group-version-kind"]!.AsArray().Single()!;
        Assert.Equal(("apps", "v1", "Deployment"), (gvk["group"]!.GetValue<string>(), gvk["version"]!.GetValue<string>(), gvk["kind"]!.GetValue<string>()));

        var specProperty = Property(deployment, "spec");
        Assert.Equal(RefPrefix + "io.k8s.api.apps.v1.DeploymentSpec", specProperty["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.NotNull(specProperty["default"]);
        var spec = Resolve(schemas, specProperty);
        Assert.Equal("integer", Property(spec, "replicas")["type"]!.GetValue<string>());
        Assert.Equal("int32", Property(spec, "replicas")["format"]!.GetValue<string>());
        var template = Resolve(schemas, Property(spec, "template"));
        Assert.Same(schemas["io.k8s.api.core.v1.PodTemplateSpec"], template);
        var podSpec = Resolve(schemas, Property(template, "spec"));
        Assert.Same(schemas["io.k8s.api.core.v1.PodSpec"], podSpec);

        var containers = Property(podSpec, "containers");
        Assert.Equal("array", containers["type"]!.GetValue<string>());
        Assert.Equal("name", containers["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("merge", containers["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("map", containers["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal("""["name"]""", containers["x-kubernetes-list-map-keys"]!.ToJsonString());
        var container = Resolve(schemas, containers);
        Assert.Same(schemas["io.k8s.api.core.v1.Container"], container);
        var ports = Property(container, "ports");
        Assert.Equal("containerPort", ports["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        Assert.Equal("""["containerPort","protocol"]""", ports["x-kubernetes-list-map-keys"]!.ToJsonString());
        Assert.Equal("mountPath", Property(container, "volumeMounts")["x-kubernetes-patch-merge-key"]!.GetValue<string>());
    }

    [Fact]
    public void Patch_strategies_come_from_the_patch_meta()
    {
        var schemas = Schemas("apps", "v1");
        var volumes = Property(schemas["io.k8s.api.core.v1.PodSpec"]!.AsObject(), "volumes");
        Assert.Equal("merge,retainKeys", volumes["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("name", volumes["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        var strategy = Property(schemas["io.k8s.api.apps.v1.DeploymentSpec"]!.AsObject(), "strategy");
        Assert.Equal("retainKeys", strategy["x-kubernetes-patch-strategy"]!.GetValue<string>());
        var meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!.AsObject();
        Assert.Equal("merge", Property(meta, "finalizers")["x-kubernetes-patch-strategy"]!.GetValue<string>());
        Assert.Equal("set", Property(meta, "finalizers")["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal("uid", Property(meta, "ownerReferences")["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        var conditions = Property(schemas["io.k8s.api.apps.v1.DeploymentStatus"]!.AsObject(), "conditions");
        Assert.Equal("type", conditions["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        // A list without patch meta is replaced whole: no strategy.
        Assert.Null(Property(schemas["io.k8s.api.core.v1.Container"]!.AsObject(), "args")["x-kubernetes-patch-strategy"]);
    }

    [Fact]
    public void Scalars_maps_and_shared_types_follow_the_apiserver_names()
    {
        var schemas = Schemas("apps", "v1");
        // As in the apiserver's v3 documents: IntOrString and Quantity are one of two types, Time a date-time string.
        Assert.Equal("""{"format":"int-or-string","oneOf":[{"type":"integer"},{"type":"string"}]}""", schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]!.ToJsonString());
        Assert.Equal("""{"oneOf":[{"type":"string"},{"type":"number"}]}""", schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]!.ToJsonString());
        Assert.Equal("""{"format":"date-time","type":"string"}""", schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]!.ToJsonString());

        var rolling = schemas["io.k8s.api.apps.v1.RollingUpdateDeployment"]!.AsObject();
        Assert.Equal(RefPrefix + "io.k8s.apimachinery.pkg.util.intstr.IntOrString", Property(rolling, "maxSurge")["allOf"]![0]!["$ref"]!.GetValue<string>());
        var limits = Property(schemas["io.k8s.api.core.v1.ResourceRequirements"]!.AsObject(), "limits");
        Assert.Equal("object", limits["type"]!.GetValue<string>());
        Assert.Equal(RefPrefix + "io.k8s.apimachinery.pkg.api.resource.Quantity", limits["additionalProperties"]!["$ref"]!.GetValue<string>());
        var meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]!.AsObject();
        Assert.Equal("string", Property(meta, "labels")["additionalProperties"]!["type"]!.GetValue<string>());
        Assert.Equal(RefPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.Time", Property(meta, "creationTimestamp")["allOf"]![0]!["$ref"]!.GetValue<string>());
        var selector = Property(schemas["io.k8s.api.apps.v1.DeploymentSpec"]!.AsObject(), "selector");
        Assert.Equal(RefPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", selector["allOf"]![0]!["$ref"]!.GetValue<string>());
        Assert.Equal("boolean", Property(schemas["io.k8s.api.core.v1.Container"]!.AsObject(), "stdin")["type"]!.GetValue<string>());
    }

    [Fact]
    public void Every_reference_of_every_document_resolves_and_every_kind_is_tagged()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        foreach (var gv in catalog.GroupVersions)
        {
            var doc = OpenApi.ForGroupVersion(catalog, gv)!;
            var schemas = doc["components"]!["schemas"]!.AsObject();
            var text = doc.ToJsonString();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "\"\\$ref\":\"([^\"]+)\""))
            {
                var target = m.Groups[1].Value;
                Assert.True(target.StartsWith(RefPrefix, StringComparison.Ordinal) && schemas.ContainsKey(target[RefPrefix.Length..]), $"{gv}: dangling {target}");
            }
            foreach (var t in catalog.InGroupVersion(gv))
            {
                var schema = schemas[OpenApi.SchemaName(t)]!;
                Assert.Equal(t.Kind, schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
                // metrics.k8s.io kinds are computed views without a KubernetesClient model: they keep the minimal schema.
                if (!t.IsCustom && t.Group != "metrics.k8s.io") Assert.True(schema["properties"]?["metadata"]?["allOf"] is not null, $"{t.Gvk}: no metadata schema");
            }
        }
    }

    [Fact]
    public void Strategic_merge_patch_is_offered_for_built_in_kinds_only()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        static JsonObject PatchContent(JsonObject doc, string kind) => doc["paths"]!.AsObject()
            .Select(p => p.Value!["patch"] as JsonObject)
            .First(op => op?["x-kubernetes-group-version-kind"]?["kind"]?.GetValue<string>() == kind)!["requestBody"]!["content"]!.AsObject();
        var apps = OpenApi.ForGroupVersion(catalog, new GroupVersion("apps", "v1"))!;
        Assert.True(PatchContent(apps, "Deployment").ContainsKey("application/strategic-merge-patch+json"));
        var argo = OpenApi.ForGroupVersion(catalog, new GroupVersion("argoproj.io", "v1alpha1"))!;
        var content = PatchContent(argo, "Application");
        Assert.False(content.ContainsKey("application/strategic-merge-patch+json"));
        Assert.True(content.ContainsKey("application/merge-patch+json"));
    }

    [Fact]
    public void Documents_are_cached_and_rebuilt_only_when_their_types_change()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        var apps = new GroupVersion("apps", "v1");
        var argo = new GroupVersion("argoproj.io", "v1alpha1");
        var first = OpenApi.ForGroupVersion(catalog, apps);
        Assert.Same(first, OpenApi.ForGroupVersion(catalog, apps));
        var hash = OpenApi.Hash(catalog, apps);

        // A new generation: documents whose types did not change are kept.
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        Assert.Same(first, OpenApi.ForGroupVersion(catalog, apps));
        Assert.Equal(hash, OpenApi.Hash(catalog, apps));
        var application = OpenApi.ForGroupVersion(catalog, argo);
        Assert.NotNull(application);
        Assert.Same(application, OpenApi.ForGroupVersion(catalog, argo));

        // Re-registering the CRD replaces its types: that document is rebuilt.
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        Assert.NotSame(application, OpenApi.ForGroupVersion(catalog, argo));
        catalog.UnregisterCustom("applications.argoproj.io");
        Assert.Null(OpenApi.ForGroupVersion(catalog, argo));
        Assert.Equal("", OpenApi.Hash(catalog, argo));
    }

    [Fact]
    public void Core_kinds_have_full_schemas()
    {
        var schemas = Schemas("", "v1");
        var pod = schemas["io.k8s.api.core.v1.Pod"]!.AsObject();
        var podSpec = Resolve(schemas, Property(pod, "spec"));
        Assert.Equal("name", Property(podSpec, "containers")["x-kubernetes-patch-merge-key"]!.GetValue<string>());
        var service = Resolve(schemas, Property(schemas["io.k8s.api.core.v1.Service"]!.AsObject(), "spec"));
        Assert.Equal("""["port","protocol"]""", Property(service, "ports")["x-kubernetes-list-map-keys"]!.ToJsonString());
        var configMap = schemas["io.k8s.api.core.v1.ConfigMap"]!.AsObject();
        Assert.Equal("object", Property(configMap, "data")["type"]!.GetValue<string>());
        Assert.Equal("byte", Property(schemas["io.k8s.api.core.v1.Secret"]!.AsObject(), "data")["additionalProperties"]!["format"]!.GetValue<string>());
        Assert.Equal("Event", schemas["io.k8s.api.core.v1.Event"]!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
    }
}

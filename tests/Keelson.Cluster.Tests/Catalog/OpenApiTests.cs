using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Catalog;

public class OpenApiTests
{
    [Fact]
    public void Index_lists_every_group_version_with_a_hash()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var paths = OpenApi.Index(catalog)["paths"]!.AsObject();
        Assert.Equal(catalog.GroupVersions.Count, paths.Count);
        Assert.StartsWith("/openapi/v3/api/v1?hash=", paths["api/v1"]!["serverRelativeURL"]!.GetValue<string>());
        Assert.NotNull(paths["apis/apps/v1"]);
        Assert.NotNull(paths["apis/autoscaling/v2"]);
        Assert.NotNull(paths["apis/argoproj.io/v1alpha1"]);
    }

    [Fact]
    public void Apps_v1_document_lets_kubectl_leave_validation_to_the_server()
    {
        var doc = OpenApi.ForGroupVersion(ResourceCatalog.CreateBuiltin(), new GroupVersion("apps", "v1"))!;
        // The same search kubectl's QueryParamVerifierV3 does: a patch operation for the GVK with a query parameter fieldValidation.
        var patch = doc["paths"]!.AsObject()
            .Select(p => p.Value!["patch"] as JsonObject)
            .First(op => op?["x-kubernetes-group-version-kind"]?.ToJsonString() == """{"group":"apps","version":"v1","kind":"Deployment"}""");
        Assert.Contains(patch!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
        var schema = doc["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]!;
        Assert.Equal("Deployment", schema["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Hash_is_stable_and_changes_with_the_document()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        var gv = new GroupVersion("argoproj.io", "v1alpha1");
        Assert.Equal(OpenApi.Hash(catalog, new GroupVersion("apps", "v1")), OpenApi.Hash(catalog, new GroupVersion("apps", "v1")));
        Assert.Null(OpenApi.ForGroupVersion(catalog, gv));
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var h1 = OpenApi.Hash(catalog, gv);
        var crd = TestObjects.ApplicationCrd();
        crd["spec"]!["names"]!["kind"] = "App";
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(crd, out _));
        Assert.NotEqual(h1, OpenApi.Hash(catalog, gv));
    }
}

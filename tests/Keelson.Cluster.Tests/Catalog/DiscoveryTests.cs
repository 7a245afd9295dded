using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Tests.Catalog;

public class DiscoveryTests
{
    private static JsonObject Resource(JsonObject list, string group, string version, string plural) =>
        list["items"]!.AsArray().OfType<JsonObject>()
            .Single(i => (i.GetPath("metadata", "name")?.GetValue<string>() ?? "") == group)["versions"]!.AsArray().OfType<JsonObject>()
            .Single(v => v.GetString("version") == version)["resources"]!.AsArray().OfType<JsonObject>()
            .Single(r => r.GetString("resource") == plural);

    [Fact]
    public void Aggregated_groups_describe_deployments_like_a_real_apiserver()
    {
        var list = Discovery.AggregatedGroups(ResourceCatalog.CreateBuiltin());
        Assert.Equal("APIGroupDiscoveryList", list.GetKind());
        Assert.Equal("apidiscovery.k8s.io/v2", list.GetApiVersion());
        var deploy = Resource(list, "apps", "v1", "deployments");
        Assert.Equal("deployment", deploy.GetString("singularResource"));
        Assert.Equal("Namespaced", deploy.GetString("scope"));
        Assert.Equal("""{"group":"apps","version":"v1","kind":"Deployment"}""", deploy["responseKind"]!.ToJsonString());
        Assert.Equal("""["deploy"]""", deploy["shortNames"]!.ToJsonString());
        Assert.Equal("""["all"]""", deploy["categories"]!.ToJsonString());
        var scale = deploy["subresources"]!.AsArray().OfType<JsonObject>().Single(s => s.GetString("subresource") == "scale");
        Assert.Equal("""{"group":"autoscaling","version":"v1","kind":"Scale"}""", scale["responseKind"]!.ToJsonString());
        Assert.Equal("""["get","patch","update"]""", scale["verbs"]!.ToJsonString());
        var status = deploy["subresources"]!.AsArray().OfType<JsonObject>().Single(s => s.GetString("subresource") == "status");
        Assert.Equal("Deployment", status.GetPath("responseKind", "kind")!.GetValue<string>());
    }

    [Fact]
    public void Every_resource_and_subresource_has_a_response_kind()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        foreach (var list in new[] { Discovery.AggregatedCore(catalog), Discovery.AggregatedGroups(catalog) })
        {
            foreach (var r in list["items"]!.AsArray().SelectMany(i => i!["versions"]!.AsArray()).SelectMany(v => v!["resources"]!.AsArray()).OfType<JsonObject>())
            {
                Assert.NotNull(r["responseKind"]);
                foreach (var s in (r["subresources"] as JsonArray ?? []).OfType<JsonObject>()) Assert.NotNull(s["responseKind"]);
            }
        }
    }

    [Fact]
    public void Core_list_has_one_unnamed_item_with_namespaces_cluster_scoped()
    {
        var list = Discovery.AggregatedCore(ResourceCatalog.CreateBuiltin());
        var item = Assert.Single(list["items"]!.AsArray())!.AsObject();
        Assert.Null(item.GetPath("metadata", "name"));
        var ns = Resource(list, "", "v1", "namespaces");
        Assert.Equal("Cluster", ns.GetString("scope"));
        Assert.Equal("", ns.GetPath("responseKind", "group")!.GetValue<string>());
        Assert.Equal("""["ns"]""", ns["shortNames"]!.ToJsonString());
    }

    [Fact]
    public void Groups_list_preferred_version_first_and_includes_crds()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        catalog.RegisterCustom("applications.argoproj.io", CrdTypes.FromCrd(TestObjects.ApplicationCrd(), out _));
        var list = Discovery.AggregatedGroups(catalog);
        var autoscaling = list["items"]!.AsArray().OfType<JsonObject>().Single(i => i.GetPath("metadata", "name")!.GetValue<string>() == "autoscaling");
        Assert.Equal(["v2", "v1"], autoscaling["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        var app = Resource(list, "argoproj.io", "v1alpha1", "applications");
        Assert.Equal("""["app","apps"]""", app["shortNames"]!.ToJsonString());
    }

    [Fact]
    public void Legacy_documents()
    {
        var catalog = ResourceCatalog.CreateBuiltin();
        Assert.Equal("""["v1"]""", Discovery.LegacyApiVersions()["versions"]!.ToJsonString());
        var groups = Discovery.LegacyGroupList(catalog);
        Assert.Equal("APIGroupList", groups.GetKind());
        var autoscaling = groups["groups"]!.AsArray().OfType<JsonObject>().Single(g => g.GetString("name") == "autoscaling");
        Assert.Equal("autoscaling/v2", autoscaling.GetPath("preferredVersion", "groupVersion")!.GetValue<string>());

        var apps = Discovery.LegacyResourceList(catalog, new GroupVersion("apps", "v1"))!;
        var names = apps["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("deployments/scale", names);
        Assert.Contains("deployments/status", names);
        var scale = apps["resources"]!.AsArray().OfType<JsonObject>().Single(r => r.GetString("name") == "deployments/scale");
        Assert.Equal("autoscaling", scale.GetString("group"));
        Assert.Null(Discovery.LegacyResourceList(catalog, new GroupVersion("apps", "v9")));
    }
}

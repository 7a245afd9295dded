using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The discovery documents of <c>/api</c> and <c>/apis</c>: the aggregated form (apidiscovery.k8s.io/v2) kubectl 1.32
/// asks for first and the legacy form (APIVersions, APIGroupList, APIResourceList). Builds bodies only; content types,
/// caching headers and routing belong to the HTTP layer.
/// </summary>
public static class Discovery
{
    private static readonly string[] SubresourceVerbs = ["get", "patch", "update"];

    /// <summary>The aggregated discovery of <c>/api</c>: one item, without metadata.name, holding core v1.</summary>
    public static JsonObject AggregatedCore(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var items = new JsonArray();
        var core = catalog.Groups.FirstOrDefault(g => g.Group.Length == 0);
        if (core.Versions is not null)
            items.Add(new JsonObject { ["metadata"] = new JsonObject(), ["versions"] = Versions(catalog, "", core.Versions) });
        return DiscoveryList(items);
    }

    /// <summary>The aggregated discovery of <c>/apis</c>: one item per named group, its preferred version first.</summary>
    public static JsonObject AggregatedGroups(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var items = new JsonArray();
        foreach (var (group, versions) in catalog.Groups.Where(g => g.Group.Length > 0))
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group }, ["versions"] = Versions(catalog, group, versions) });
        return DiscoveryList(items);
    }

    /// <summary>The legacy <c>/api</c> body.</summary>
    public static JsonObject LegacyApiVersions(string serverAddress = "127.0.0.1:6443") => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary>The legacy <c>/apis</c> body: every named group with its versions and preferred version.</summary>
    public static JsonObject LegacyGroupList(ResourceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var groups = new JsonArray();
        foreach (var (group, versions) in catalog.Groups.Where(g => g.Group.Length > 0))
            groups.Add(LegacyGroup(group, versions));
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>The legacy <c>/apis/&lt;group&gt;</c> body, or null for an unknown group.</summary>
    public static JsonObject? LegacyGroup(ResourceCatalog catalog, string group)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var found = catalog.Groups.FirstOrDefault(g => g.Group == group && group.Length > 0);
        if (found.Versions is null) return null;
        var body = LegacyGroup(group, found.Versions);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    /// <summary>
    /// The legacy <c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c> body: an APIResourceList with each
    /// subresource as its own entry ("deployments/scale"). Null when the group-version is not served.
    /// </summary>
    public static JsonObject? LegacyResourceList(ResourceCatalog catalog, GroupVersion gv)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var types = catalog.InGroupVersion(gv);
        if (types.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var t in types)
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Strings(t.Verbs),
            };
            if (t.ShortNames.Count > 0) r["shortNames"] = Strings(t.ShortNames);
            if (t.Categories.Count > 0) r["categories"] = Strings(t.Categories);
            resources.Add(r);
            if (t.Scale is not null)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = Strings(SubresourceVerbs),
                });
            }
            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = Strings(SubresourceVerbs),
                });
            }
        }
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = gv.ApiVersion, ["resources"] = resources };
    }

    private static JsonObject DiscoveryList(JsonArray items) => new()
    {
        ["kind"] = "APIGroupDiscoveryList",
        ["apiVersion"] = "apidiscovery.k8s.io/v2",
        ["metadata"] = new JsonObject(),
        ["items"] = items,
    };

    private static JsonArray Versions(ResourceCatalog catalog, string group, IReadOnlyList<string> versions)
    {
        var result = new JsonArray();
        foreach (var version in versions)
        {
            var resources = new JsonArray();
            foreach (var t in catalog.InGroupVersion(new GroupVersion(group, version)))
                resources.Add(Resource(t));
            result.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
        }
        return result;
    }

    private static JsonObject Resource(ResourceType t)
    {
        var r = new JsonObject
        {
            ["resource"] = t.Plural,
            ["responseKind"] = Kind(t.Group, t.Version, t.Kind),
            ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = t.Singular,
            ["verbs"] = Strings(t.Verbs),
        };
        if (t.ShortNames.Count > 0) r["shortNames"] = Strings(t.ShortNames);
        if (t.Categories.Count > 0) r["categories"] = Strings(t.Categories);
        var subresources = new JsonArray();
        if (t.Scale is not null)
            subresources.Add(new JsonObject { ["subresource"] = "scale", ["responseKind"] = Kind("autoscaling", "v1", "Scale"), ["verbs"] = Strings(SubresourceVerbs) });
        if (t.HasStatus)
            subresources.Add(new JsonObject { ["subresource"] = "status", ["responseKind"] = Kind(t.Group, t.Version, t.Kind), ["verbs"] = Strings(SubresourceVerbs) });
        if (subresources.Count > 0) r["subresources"] = subresources;
        return r;
    }

    private static JsonObject LegacyGroup(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions) list.Add(new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v });
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonObject Kind(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}

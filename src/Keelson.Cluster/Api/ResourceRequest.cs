using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Api;

/// <summary>A request on a resource path, resolved against the catalog.</summary>
internal sealed record ResourceRequest(
    ResourceType Type,
    string? Namespace,
    string? Name,
    string? Subresource)
{
    public bool IsCollection => Name is null;

    /// <summary>
    /// Resolves "/api/v1/…" or "/apis/{group}/{version}/…" to a resource request. Returns null when the path
    /// is not a resource path; throws 404 for an unknown resource.
    /// </summary>
    public static ResourceRequest? Parse(ResourceCatalog catalog, string path)
    {
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        if (parts.Any(p => p.Length == 0)) throw NotFound(path);
        string? ns = null;
        if (parts.Length >= 3 && parts[0] == "namespaces")
        {
            var nested = catalog.Find(group, version, parts[2]);
            if (nested is not null && nested.Namespaced)
            {
                ns = Uri.UnescapeDataString(parts[1]);
                parts = parts[2..];
            }
        }

        var type = catalog.Find(group, version, parts[0]) ?? throw NotFound(path);
        if (parts.Length > 3) throw NotFound(path);
        var name = parts.Length >= 2 ? Uri.UnescapeDataString(parts[1]) : null;
        var sub = parts.Length == 3 ? parts[2] : null;
        if (sub is not null && !IsServedSubresource(type, sub)) throw NotFound(path);
        return new ResourceRequest(type, ns, name, sub);
    }

    private static bool IsServedSubresource(ResourceType type, string sub) => sub switch
    {
        "status" => type.HasStatus,
        "scale" => type.Scale is not null,
        "finalize" => type.Group.Length == 0 && type.Plural == "namespaces",
        "log" or "exec" or "attach" or "portforward" => IsPods(type),
        _ => false,
    };

    /// <summary>Core pods (metrics.k8s.io serves "pods" too).</summary>
    public static bool IsPods(ResourceType type) => type.Group.Length == 0 && type.Plural == "pods";

    private static ApiException NotFound(string path) => new(404, "NotFound", "the server could not find the requested resource", new System.Text.Json.Nodes.JsonObject());
}

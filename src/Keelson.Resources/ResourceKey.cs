using System.Text.Json.Nodes;

namespace Keelson.Resources;

/// <summary>
/// Identifies one object independent of API version: group, kind, namespace ("" for cluster-scoped) and name.
/// Two manifests with the same key describe the same live object.
/// </summary>
public readonly record struct ResourceKey(string Group, string Kind, string Namespace, string Name)
{
    public static ResourceKey Of(JsonObject obj)
    {
        var gvk = obj.GetGroupVersionKind();
        return new ResourceKey(gvk.Group, gvk.Kind, obj.GetNamespace() ?? "", obj.GetName() ?? "");
    }

    /// <summary>"Deployment/guestbook-dev/frontend" or "Namespace/guestbook-dev".</summary>
    public override string ToString()
    {
        var kind = Group.Length == 0 ? Kind : $"{Kind}.{Group}";
        return Namespace.Length == 0 ? $"{kind}/{Name}" : $"{kind}/{Namespace}/{Name}";
    }
}

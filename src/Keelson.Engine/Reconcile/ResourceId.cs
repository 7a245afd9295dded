using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Engine.Reconcile;

/// <summary>Identifies a managed object across versions: group, kind, namespace ("" when cluster-scoped) and name.</summary>
public readonly record struct ResourceId(string Group, string Kind, string Namespace, string Name)
{
    public static ResourceId Of(JsonObject obj) =>
        new(GroupVersion.Parse(obj.GetApiVersion() ?? "").Group, obj.GetKind() ?? "", obj.GetNamespace() ?? "", obj.GetName() ?? "");

    /// <summary>The tracking id Argo CD writes: <c>app:group/Kind:namespace/name</c>.</summary>
    public string TrackingId(string app) => $"{app}:{Group}/{Kind}:{Namespace}/{Name}";

    public override string ToString() => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}

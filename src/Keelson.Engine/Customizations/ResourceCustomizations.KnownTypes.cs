using System.Text.Json.Nodes;
using Keelson.Engine.Diff;
using Keelson.Resources;

namespace Keelson.Engine.Customizations;

public sealed partial class ResourceCustomizations
{
    /// <summary>The types <c>knownTypeFields</c> may name, as Argo CD's known-type normalizer offers them.</summary>
    public static IReadOnlyList<string> KnownTypes { get; } = ["core/Quantity", "meta/v1/Duration"];

    // Argo CD normalises a Rollout's pod template as a PodSpec unless argocd-cm says otherwise.
    private static readonly IReadOnlyList<KnownTypeField> RolloutDefault = [new("spec.template.spec", "core/v1/PodSpec")];

    /// <summary>
    /// <paramref name="obj"/> with the fields argocd-cm's <c>knownTypeFields</c> name for its kind written as
    /// Kubernetes writes their types (a <c>core/Quantity</c> canonical, <c>1000m</c> → <c>1</c>; a <c>meta/v1/Duration</c>
    /// as Go prints it, <c>90s</c> → <c>1m30s</c>), so that two spellings of one value are not a difference. A Rollout's
    /// <c>spec.template.spec</c> has its containers' resource quantities canonical unless argocd-cm configures the kind.
    /// Arrays on the path are walked item by item. Returns <paramref name="obj"/> itself when nothing applies, else a copy.
    /// </summary>
    public JsonObject NormalizeKnownTypes(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var gvk = obj.GetGroupVersionKind();
        var fields = Overrides.Exact(gvk.Group, gvk.Kind)?.KnownTypeFields is { Count: > 0 } configured ? configured
            : gvk.Group == "argoproj.io" && gvk.Kind == "Rollout" ? RolloutDefault : [];
        if (fields.Count == 0) return obj;
        var copy = (JsonObject)obj.DeepClone();
        foreach (var field in fields) Normalize(copy, field.Field.Split('.'), field.Type);
        return copy;
    }

    private static void Normalize(JsonObject obj, ReadOnlySpan<string> path, string type)
    {
        if (path.Length == 0) return;
        var child = obj[path[0]];
        if (path.Length == 1)
        {
            if (child is not null) obj[path[0]] = Canonical(child, type);
            return;
        }
        switch (child)
        {
            case JsonObject nested:
                Normalize(nested, path[1..], type);
                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonObject>()) Normalize(item, path[1..], type);
                break;
        }
    }

    private static JsonNode Canonical(JsonNode value, string type)
    {
        switch (type)
        {
            case "core/Quantity":
                return value is JsonValue v && Quantity.Canonical(v.ToString()) is { } quantity ? JsonValue.Create(quantity) : value;
            case "meta/v1/Duration":
                return value is JsonValue d && d.TryGetValue<string>(out var text) && GoDuration.Canonical(text) is { } duration ? JsonValue.Create(duration) : value;
            case "core/v1/PodSpec" when value is JsonObject podSpec:
                foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
                {
                    foreach (var container in (podSpec[list] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        foreach (var side in new[] { "limits", "requests" })
                            CanonicalMap(container.GetPath("resources", side) as JsonObject);
                    }
                }
                CanonicalMap(podSpec["overhead"] as JsonObject);
                return podSpec;
            default:
                return value;
        }
    }

    private static void CanonicalMap(JsonObject? quantities)
    {
        if (quantities is null) return;
        foreach (var key in quantities.Select(kv => kv.Key).ToList())
            quantities[key] = Canonical(quantities[key]!, "core/Quantity");
    }
}

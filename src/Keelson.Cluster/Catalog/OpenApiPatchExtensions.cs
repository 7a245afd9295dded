using System.Text.Json.Nodes;
using Keelson.Resources;
using Keelson.Resources.Patching;

namespace Keelson.Cluster.Catalog;

/// <summary>
/// The patch extensions of the OpenAPI schemas (<c>x-kubernetes-patch-merge-key</c>, <c>x-kubernetes-patch-strategy</c>,
/// <c>x-kubernetes-list-type</c>, <c>x-kubernetes-list-map-keys</c>), taken from <see cref="PatchMeta.ForKind"/> so that
/// kubectl's client-side apply and the server's strategic merge patch agree. Patch meta is given by path from a kind's
/// root; schemas are per model type, so the meta of a property is the one found on any path that reaches it.
/// </summary>
internal static class OpenApiPatchExtensions
{
    private static readonly Lazy<Dictionary<(Type Owner, string Property), PatchMeta>> ByProperty = new(Collect);

    /// <summary>Adds the patch extensions of property <paramref name="name"/> of <paramref name="owner"/> to its schema.</summary>
    public static void Apply(Type owner, string name, ModelShape shape, JsonObject schema)
    {
        if (!ByProperty.Value.TryGetValue((owner, name), out var meta)) return;
        if (shape == ModelShape.Array)
        {
            if (meta.MergeKey is not null)
            {
                schema["x-kubernetes-list-map-keys"] = new JsonArray(meta.ListMapKeys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
                schema["x-kubernetes-list-type"] = "map";
                schema["x-kubernetes-patch-merge-key"] = meta.MergeKey;
                schema["x-kubernetes-patch-strategy"] = meta.RetainKeys ? "merge,retainKeys" : "merge";
            }
            else if (meta.MergePrimitives)
            {
                schema["x-kubernetes-list-type"] = "set";
                schema["x-kubernetes-patch-strategy"] = "merge";
            }
            else if (meta.Atomic)
            {
                schema["x-kubernetes-list-type"] = "atomic";
            }
        }
        else if (meta.RetainKeys)
        {
            schema["x-kubernetes-patch-strategy"] = "retainKeys";
        }
        else if (meta.Atomic && shape is ModelShape.Object or ModelShape.Map)
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }
    }

    private static Dictionary<(Type, string), PatchMeta> Collect()
    {
        var result = new Dictionary<(Type, string), PatchMeta>();
        foreach (var t in BuiltinTypes.All)
        {
            if (OpenApiModels.ForKind(t.Group, t.Version, t.Kind) is { } model && PatchMeta.ForKind(new GroupVersionKind(t.Group, t.Version, t.Kind)) is { } meta)
                Walk(model, meta, result);
        }
        return result;
    }

    private static void Walk(Type type, PatchMeta meta, Dictionary<(Type, string), PatchMeta> result)
    {
        foreach (var (name, property) in OpenApiModels.PropertiesOf(type))
        {
            if (meta.Field(name) is not { } field) continue;
            if (field.MergeKey is not null || field.MergePrimitives || field.RetainKeys || field.Atomic)
                result.TryAdd((type, name), field);
            if (field.Fields.Count == 0) continue;
            // The fields of a list's meta describe each item; those of an object's meta its own fields.
            var child = property.PropertyType;
            var shape = OpenApiModels.ShapeOf(child, out var element);
            while (shape is ModelShape.Array or ModelShape.Map)
            {
                child = element!;
                shape = OpenApiModels.ShapeOf(child, out element);
            }
            if (shape == ModelShape.Object) Walk(child, field, result);
        }
    }
}

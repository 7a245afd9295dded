using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// Decides how a list is merged and owned from its <see cref="PatchMeta"/>: list-map keys (falling back to the
/// merge key) make it associative, merge-primitives make it a set, anything else (custom resources included) is atomic.
/// A list whose items do not fit (an item without its first key, duplicate keys) is treated as atomic.
/// </summary>
internal static class ListSemantics
{
    public static ListKind Classify(JsonArray list, PatchMeta? meta)
    {
        if (meta is null || meta.Atomic) return ListKind.Atomic;
        if (meta.ListMapKeys.Count > 0)
        {
            var seen = new HashSet<PathElement>();
            foreach (var item in list)
            {
                if (item is not JsonObject obj || !obj.ContainsKey(meta.ListMapKeys[0]) || !seen.Add(KeyOf(obj, meta))) return ListKind.Atomic;
            }
            return ListKind.Associative;
        }
        if (meta.MergePrimitives)
        {
            var seen = new HashSet<PathElement>();
            foreach (var item in list)
            {
                if (item is not JsonValue || item.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array || !seen.Add(PathElement.ForValue(item)))
                {
                    return ListKind.Atomic;
                }
            }
            return ListKind.Set;
        }
        return ListKind.Atomic;
    }

    /// <summary>The same kind for both lists, or atomic when they disagree.</summary>
    public static ListKind Classify(JsonArray a, JsonArray b, PatchMeta? meta)
    {
        var kind = Classify(a, meta);
        return kind == Classify(b, meta) ? kind : ListKind.Atomic;
    }

    /// <summary>
    /// The key of an associative-list item: the list-map key fields the item carries, with the schema default of
    /// a key field left out. In Kubernetes' built-in types the only defaulted key field is a port's
    /// <c>protocol</c> (TCP), which the API server fills in before merging, so an applied port without a protocol
    /// is the same item as the stored one with <c>protocol: TCP</c>.
    /// </summary>
    public static PathElement KeyOf(JsonObject item, PatchMeta meta) =>
        PathElement.Key(meta.ListMapKeys
            .Where(k => item.ContainsKey(k) || k == "protocol")
            .Select(k => new KeyValuePair<string, JsonNode?>(k, item.ContainsKey(k) ? item[k] : JsonValue.Create("TCP"))));

    /// <summary>The element that identifies <paramref name="item"/> in a list of the given kind.</summary>
    public static PathElement ElementOf(JsonNode? item, ListKind kind, PatchMeta meta) =>
        kind == ListKind.Associative ? KeyOf((JsonObject)item!, meta) : PathElement.ForValue(item);
}

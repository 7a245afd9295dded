using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// Merges an applied configuration into the live object: objects field by field, associative lists item by
/// item (matching items merged in place, new items appended), sets by union, anything atomic replaced.
/// A null in the configuration removes the field. Returns new nodes; never modifies its inputs.
/// </summary>
internal static class AppliedConfigurationMerge
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, PatchMeta? meta)
    {
        if (config is JsonObject c && live is JsonObject l && meta?.Atomic != true) return MergeFields(l, c, meta);
        if (config is JsonArray ca && live is JsonArray la && ListSemantics.Classify(la, ca, meta) is var kind && kind != ListKind.Atomic)
        {
            return MergeItems(la, ca, kind, meta!);
        }
        return config?.DeepClone();
    }

    private static JsonObject MergeFields(JsonObject live, JsonObject config, PatchMeta? meta)
    {
        var result = (JsonObject)live.DeepClone();
        foreach (var (name, value) in config)
        {
            if (value is null) result.Remove(name);
            else result[name] = Merge(live[name], value, meta?.Field(name));
        }
        return result;
    }

    private static JsonArray MergeItems(JsonArray live, JsonArray config, ListKind kind, PatchMeta meta)
    {
        var items = live.Select(i => i?.DeepClone()).ToList();
        var positions = live
            .Select((item, index) => (Element: ListSemantics.ElementOf(item, kind, meta), Index: index))
            .ToDictionary(p => p.Element, p => p.Index);
        foreach (var item in config)
        {
            var element = ListSemantics.ElementOf(item, kind, meta);
            if (!positions.TryGetValue(element, out var index)) items.Add(item?.DeepClone());
            else if (kind == ListKind.Associative) items[index] = MergeFields((JsonObject)live[index]!, (JsonObject)item!, meta);
        }
        return new JsonArray(items.ToArray());
    }
}

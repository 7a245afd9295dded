using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Kustomize;

/// <summary>
/// kustomize (kyaml) orders a merged keyed list differently from the API server's strategic merge: the items the
/// patch names come first, in the patch's order, then the original's other items in their order. This puts a
/// <see cref="StrategicMergePatch"/> result into that order.
/// </summary>
internal static class PatchListOrder
{
    public static void Apply(JsonObject result, JsonObject patch, PatchMeta? meta)
    {
        foreach (var (key, patchValue) in patch)
        {
            var fieldMeta = meta?.Field(key);
            switch (patchValue)
            {
                case JsonObject patchMap when result[key] is JsonObject resultMap:
                    Apply(resultMap, patchMap, fieldMeta);
                    break;
                case JsonArray patchList when result[key] is JsonArray resultList && fieldMeta?.MergeKey is { } mergeKey:
                    result[key] = Reorder(resultList, patchList, mergeKey, fieldMeta);
                    break;
            }
        }
    }

    private static JsonArray Reorder(JsonArray result, JsonArray patch, string mergeKey, PatchMeta itemMeta)
    {
        var items = result.ToList();
        var ordered = new List<JsonNode?>();
        foreach (var patchItem in patch.OfType<JsonObject>())
        {
            var keyValue = patchItem[mergeKey]?.ToJsonString();
            if (keyValue is null) continue;
            var match = items.FirstOrDefault(i => i is JsonObject o && o[mergeKey]?.ToJsonString() == keyValue);
            if (match is not JsonObject matchObject) continue;
            items.Remove(match);
            Apply(matchObject, patchItem, itemMeta);
            ordered.Add(match);
        }
        ordered.AddRange(items);
        var list = new JsonArray();
        foreach (var item in ordered)
        {
            item?.Parent?.AsArray().Remove(item);
            list.Add(item);
        }
        return list;
    }
}

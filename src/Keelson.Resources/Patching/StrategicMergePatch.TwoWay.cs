using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

public static partial class StrategicMergePatch
{
    /// <summary>
    /// A strategic merge patch that <see cref="Apply"/> turns <paramref name="original"/> into <paramref name="modified"/>:
    /// changed fields, nulls for removed fields, merge-key lists item by item with <c>$patch: delete</c> for removed items
    /// and <c>$setElementOrder</c> for the final order, primitive merge lists with <c>$deleteFromPrimitiveList</c>; other
    /// lists whole. Lists whose items lack (or repeat) the merge key are sent whole. Does not modify its inputs.
    /// </summary>
    public static JsonObject CreateTwoWay(JsonObject original, JsonObject modified, PatchMeta? meta) => DiffMaps(original, modified, meta);

    private static JsonObject DiffMaps(JsonObject original, JsonObject modified, PatchMeta? meta)
    {
        var patch = new JsonObject();
        foreach (var (key, _) in original)
        {
            if (!modified.ContainsKey(key)) patch[key] = null;
        }
        foreach (var (key, value) in modified)
        {
            if (!original.TryGetPropertyValue(key, out var before))
            {
                patch[key] = value?.DeepClone();
                continue;
            }
            var fieldMeta = meta?.Field(key);
            switch (before, value)
            {
                case (JsonObject beforeMap, JsonObject afterMap):
                    var child = DiffMaps(beforeMap, afterMap, fieldMeta);
                    if (child.Count > 0) patch[key] = child;
                    break;
                case (JsonArray beforeList, JsonArray afterList):
                    DiffLists(patch, key, beforeList, afterList, fieldMeta);
                    break;
                default:
                    if (!JsonNode.DeepEquals(before, value)) patch[key] = value?.DeepClone();
                    break;
            }
        }
        return patch;
    }

    private static void DiffLists(JsonObject patch, string key, JsonArray before, JsonArray after, PatchMeta? meta)
    {
        if (JsonNode.DeepEquals(before, after)) return;
        if (meta?.MergeKey is { } mergeKey && KeyedUniquely(before, mergeKey) && KeyedUniquely(after, mergeKey))
        {
            var items = new JsonArray();
            foreach (var item in after.Cast<JsonObject>())
            {
                var id = item[mergeKey];
                var old = before.Cast<JsonObject>().FirstOrDefault(b => JsonNode.DeepEquals(b[mergeKey], id));
                if (old is null)
                {
                    items.Add(item.DeepClone());
                    continue;
                }
                var change = DiffMaps(old, item, meta);
                if (change.Count == 0) continue;
                change[mergeKey] = id?.DeepClone();
                items.Add(change);
            }
            foreach (var old in before.Cast<JsonObject>())
            {
                var id = old[mergeKey];
                if (!after.Cast<JsonObject>().Any(a => JsonNode.DeepEquals(a[mergeKey], id)))
                    items.Add(new JsonObject { [PatchDirective] = "delete", [mergeKey] = id?.DeepClone() });
            }
            if (items.Count > 0) patch[key] = items;
            patch[SetElementOrderPrefix + key] = new JsonArray(after.Cast<JsonObject>().Select(a => (JsonNode)new JsonObject { [mergeKey] = a[mergeKey]?.DeepClone() }).ToArray());
            return;
        }
        if (meta?.MergePrimitives == true && Distinct(before) && Distinct(after) && before.Concat(after).All(i => i is JsonValue))
        {
            var added = after.Where(a => !before.Any(b => JsonNode.DeepEquals(a, b))).Select(a => a?.DeepClone()).ToArray();
            var removed = before.Where(b => !after.Any(a => JsonNode.DeepEquals(a, b))).Select(b => b?.DeepClone()).ToArray();
            if (added.Length > 0) patch[key] = new JsonArray(added);
            if (removed.Length > 0) patch[DeleteFromPrimitiveListPrefix + key] = new JsonArray(removed);
            patch[SetElementOrderPrefix + key] = after.DeepClone();
            return;
        }
        patch[key] = after.DeepClone();
    }

    private static bool KeyedUniquely(JsonArray list, string mergeKey)
    {
        var seen = new List<JsonNode?>();
        foreach (var item in list)
        {
            if (item is not JsonObject o || !o.TryGetPropertyValue(mergeKey, out var id) || MergePatch.IsNull(id)) return false;
            if (seen.Any(s => JsonNode.DeepEquals(s, id))) return false;
            seen.Add(id);
        }
        return true;
    }

    private static bool Distinct(JsonArray list) =>
        list.Select((item, i) => list.Skip(i + 1).Any(other => JsonNode.DeepEquals(item, other))).All(dup => !dup);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>
/// Kubernetes strategic merge patch over built-in types, driven by <see cref="PatchMeta"/>. Merge-key lists keep the
/// original's order and append new items (as kustomize does) unless <c>$setElementOrder/…</c> gives the order.
/// </summary>
public static partial class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>
    /// Applies <paramref name="patch"/> to a deep copy of <paramref name="original"/>. Lists with a merge key merge
    /// item by item; <c>$patch</c> (replace/merge/delete), <c>$setElementOrder/…</c>, <c>$retainKeys</c>,
    /// <c>$deleteFromPrimitiveList/…</c> directives are honoured and never left in the result. A null
    /// <paramref name="meta"/> behaves as JSON merge patch. Neither input is modified. Throws <see cref="PatchException"/>.
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, PatchMeta? meta) =>
        MergeMap((JsonObject)original.DeepClone(), patch, meta, "") ?? [];

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> (owned, changed in place); null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject target, JsonObject patch, PatchMeta? meta, string path)
    {
        switch (DirectiveOf(patch, path))
        {
            case "delete":
                return null;
            case "replace":
                return MergeMap([], WithoutDirective(patch), meta, path);
        }

        if (patch.TryGetPropertyValue(RetainKeysDirective, out var retain) && meta?.RetainKeys == true)
            ApplyRetainKeys(target, patch, retain, path);

        var orders = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                orders[key[SetElementOrderPrefix.Length..]] = value as JsonArray
                    ?? throw new PatchException($"{Child(path, key)}: must be a list");
            }
            else if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (value is not JsonArray toDelete) throw new PatchException($"{Child(path, key)}: must be a list");
                if (target[field] is JsonArray list)
                {
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (toDelete.Any(d => JsonNode.DeepEquals(d, list[i]))) list.RemoveAt(i);
                    }
                }
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeysDirective
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
                || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
                continue;

            var fieldPath = Child(path, key);
            var fieldMeta = meta?.Field(key);
            if (MergePatch.IsNull(value))
            {
                target.Remove(key);
                continue;
            }
            var existing = target[key];
            JsonNode? merged;
            switch (value)
            {
                case JsonObject patchMap:
                    merged = MergeMap(existing as JsonObject ?? [], patchMap, fieldMeta, fieldPath);
                    if (merged is null)
                    {
                        target.Remove(key);
                        continue;
                    }
                    break;
                case JsonArray patchList:
                    var originalList = existing as JsonArray;
                    var originalOrder = originalList?.Select(n => n?.DeepClone()).ToList();
                    merged = MergeList(originalList ?? [], patchList, fieldMeta, fieldPath);
                    if (orders.Remove(key, out var order))
                        merged = Reorder((JsonArray)merged, order, originalOrder ?? [], fieldMeta?.MergeKey, fieldPath);
                    break;
                default:
                    merged = value?.DeepClone();
                    break;
            }
            if (!ReferenceEquals(merged, existing)) target[key] = merged;
        }

        // $setElementOrder for a list the patch does not otherwise touch only reorders it.
        foreach (var (field, order) in orders)
        {
            if (target[field] is not JsonArray list) continue;
            var originalOrder = list.Select(n => n?.DeepClone()).ToList();
            var reordered = Reorder(list, order, originalOrder, meta?.Field(field)?.MergeKey, Child(path, field));
            if (!ReferenceEquals(reordered, list)) target[field] = reordered;
        }
        return target;
    }

    private static void ApplyRetainKeys(JsonObject target, JsonObject patch, JsonNode? retain, string path)
    {
        if (retain is not JsonArray list || list.Any(k => k is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            throw new PatchException($"{Child(path, RetainKeysDirective)}: must be a list of field names");
        var keep = list.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$') || MergePatch.IsNull(value)) continue;
            if (!keep.Contains(key))
                throw new PatchException($"{Child(path, key)}: field is set by the patch but not listed in {RetainKeysDirective}");
        }
        foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) target.Remove(key);
    }

    /// <summary>Merges a patch list into <paramref name="target"/> (owned). Returns the resulting list.</summary>
    private static JsonArray MergeList(JsonArray target, JsonArray patch, PatchMeta? meta, string path)
    {
        if (meta?.MergeKey is { } mergeKey) return MergeListByKey(target, patch, meta, mergeKey, path);
        if (meta?.MergePrimitives == true)
        {
            foreach (var item in patch)
            {
                if (!target.Any(t => JsonNode.DeepEquals(t, item))) target.Add(item?.DeepClone());
            }
            return target;
        }
        // No merge semantics: the patch list replaces the original whole (still without directives).
        var replaced = new JsonArray();
        foreach (var item in patch) AddCleaned(replaced, item, meta, path);
        return replaced;
    }

    private static JsonArray MergeListByKey(JsonArray target, JsonArray patch, PatchMeta meta, string mergeKey, string path)
    {
        var items = new List<JsonObject>();
        var replace = false;
        for (var i = 0; i < patch.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (patch[i] is not JsonObject item)
                throw new PatchException($"{itemPath}: items of a list merged by '{mergeKey}' must be objects");
            switch (DirectiveOf(item, itemPath))
            {
                case "replace":
                    replace = true;
                    break;
                case "delete":
                    if (!item.TryGetPropertyValue(mergeKey, out var deleteKey))
                        throw new PatchException($"{itemPath}: $patch: delete needs the merge key '{mergeKey}'");
                    for (var j = target.Count - 1; j >= 0; j--)
                    {
                        if (target[j] is JsonObject t && t.TryGetPropertyValue(mergeKey, out var k) && JsonNode.DeepEquals(k, deleteKey))
                            target.RemoveAt(j);
                    }
                    break;
                default:
                    items.Add(item);
                    break;
            }
        }

        if (replace)
        {
            var replaced = new JsonArray();
            foreach (var item in items) AddCleaned(replaced, item, meta, path);
            return replaced;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemPath = $"{path}[{mergeKey}={(item[mergeKey]?.ToJsonString() ?? "?")}]";
            if (!item.TryGetPropertyValue(mergeKey, out var keyValue))
                throw new PatchException($"{path}[{i}]: item has no merge key '{mergeKey}'");
            var match = target.OfType<JsonObject>().FirstOrDefault(t => t.TryGetPropertyValue(mergeKey, out var k) && JsonNode.DeepEquals(k, keyValue));
            if (match is not null)
            {
                MergeMap(match, item, meta, itemPath);
            }
            else
            {
                var created = MergeMap([], item, meta, itemPath);
                if (created is not null) target.Add(created);
            }
        }
        return target;
    }

    private static void AddCleaned(JsonArray list, JsonNode? item, PatchMeta? meta, string path)
    {
        if (item is JsonObject map)
        {
            var cleaned = MergeMap([], map, meta, path);
            if (cleaned is not null) list.Add(cleaned);
        }
        else
        {
            list.Add(item?.DeepClone());
        }
    }

    /// <summary>
    /// Applies a <c>$setElementOrder</c> list: items it names come in its order, and items it does not name keep their
    /// place relative to the original list, interleaved where the original order allows.
    /// </summary>
    private static JsonArray Reorder(JsonArray merged, JsonArray order, List<JsonNode?> originalOrder, string? mergeKey, string path)
    {
        JsonNode? Identity(JsonNode? item)
        {
            if (mergeKey is null) return item;
            if (item is JsonObject o && o.TryGetPropertyValue(mergeKey, out var k)) return k;
            throw new PatchException($"{path}: $setElementOrder item has no merge key '{mergeKey}'");
        }
        int IndexIn(IReadOnlyList<JsonNode?> list, JsonNode? item)
        {
            var id = Identity(item);
            for (var i = 0; i < list.Count; i++)
            {
                if (JsonNode.DeepEquals(Identity(list[i]), id)) return i;
            }
            return -1;
        }

        var orderList = order.ToList();
        var items = merged.ToList();
        var named = items.Where(i => IndexIn(orderList, i) >= 0).OrderBy(i => IndexIn(orderList, i)).ToList();
        var others = items.Where(i => IndexIn(orderList, i) < 0).ToList();

        var result = new List<JsonNode?>(items.Count);
        int a = 0, b = 0;
        while (a < others.Count || b < named.Count)
        {
            if (a >= others.Count) { result.Add(named[b++]); continue; }
            if (b >= named.Count) { result.Add(others[a++]); continue; }
            var left = IndexIn(originalOrder, others[a]);
            var right = IndexIn(originalOrder, named[b]);
            if (left >= 0 && right >= 0 && left < right) result.Add(others[a++]);
            else result.Add(named[b++]);
        }
        merged.Clear();
        var reordered = new JsonArray();
        foreach (var item in result) reordered.Add(item);
        return reordered;
    }

    private static string? DirectiveOf(JsonObject map, string path)
    {
        if (!map.TryGetPropertyValue(PatchDirective, out var directive)) return null;
        var name = directive is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return name switch
        {
            "replace" or "delete" => name,
            "merge" => null,
            _ => throw new PatchException($"{Child(path, PatchDirective)}: unknown patch directive {directive?.ToJsonString() ?? "null"}"),
        };
    }

    private static JsonObject WithoutDirective(JsonObject patch)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in patch)
        {
            if (key != PatchDirective) copy[key] = value?.DeepClone();
        }
        return copy;
    }

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>RFC 7386 JSON merge patch.</summary>
public static class MergePatch
{
    /// <summary>Returns the patched deep copy of <paramref name="target"/>; nulls in the patch delete. Neither input is modified.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => ApplyOwned(target?.DeepClone(), patch);

    private static JsonNode? ApplyOwned(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? [];
        foreach (var (key, value) in patchObject)
        {
            if (IsNull(value))
            {
                result.Remove(key);
                continue;
            }
            var existing = result[key];
            var merged = ApplyOwned(existing, value);
            if (!ReferenceEquals(merged, existing)) result[key] = merged;
        }
        return result;
    }

    /// <summary>
    /// The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>: changed members, nulls for
    /// removed members, lists whole. A null member value in <paramref name="modified"/> cannot be expressed (null deletes).
    /// </summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified)
    {
        if (original is JsonObject o && modified is JsonObject m) return Diff(o, m);
        return modified?.DeepClone();
    }

    private static JsonObject Diff(JsonObject original, JsonObject modified)
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
            }
            else if (before is JsonObject bo && value is JsonObject vo)
            {
                var child = Diff(bo, vo);
                if (child.Count > 0) patch[key] = child;
            }
            else if (!JsonNode.DeepEquals(before, value))
            {
                patch[key] = value?.DeepClone();
            }
        }
        return patch;
    }

    internal static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);
}

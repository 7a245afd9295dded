using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>Compares two versions of an object field by field, with the same list semantics as ownership.</summary>
internal static class FieldComparison
{
    public static FieldChanges Compare(JsonObject before, JsonObject after, PatchMeta? meta, bool includeStatus)
    {
        var changes = new FieldChanges();
        CompareFields(before, after, meta, FieldPath.Root, changes, includeStatus);
        return changes;
    }

    private static void CompareNodes(JsonNode? before, JsonNode? after, PatchMeta? meta, FieldPath path, FieldChanges changes, bool includeStatus)
    {
        if (before is JsonObject a && after is JsonObject b && meta?.Atomic != true && (a.Count > 0 || b.Count > 0))
        {
            CompareFields(a, b, meta, path, changes, includeStatus);
            return;
        }
        if (before is JsonArray la && after is JsonArray lb && ListSemantics.Classify(la, lb, meta) is var kind && kind != ListKind.Atomic)
        {
            CompareItems(la, lb, kind, meta!, path, changes, includeStatus);
            return;
        }
        if (JsonNode.DeepEquals(before, after)) return;
        if (IsGranular(before, meta) || IsGranular(after, meta))
        {
            // The shape changed (object to scalar, list to object...): whatever was below the old value is gone.
            changes.Removed.Insert(path);
            ObjectFields.Visit(after, meta, path, changes.Added, includeStatus);
            return;
        }
        changes.Modified.Insert(path);
    }

    private static void CompareFields(JsonObject before, JsonObject after, PatchMeta? meta, FieldPath path, FieldChanges changes, bool includeStatus)
    {
        foreach (var (name, value) in after)
        {
            if (IgnoredFields.IsIgnored(path, name, includeStatus)) continue;
            var fieldPath = path.Append(PathElement.Field(name));
            if (before.TryGetPropertyValue(name, out var old)) CompareNodes(old, value, meta?.Field(name), fieldPath, changes, includeStatus);
            else ObjectFields.Visit(value, meta?.Field(name), fieldPath, changes.Added, includeStatus);
        }
        foreach (var (name, _) in before)
        {
            if (!after.ContainsKey(name) && !IgnoredFields.IsIgnored(path, name, includeStatus)) changes.Removed.Insert(path.Append(PathElement.Field(name)));
        }
    }

    private static void CompareItems(JsonArray before, JsonArray after, ListKind kind, PatchMeta meta, FieldPath path, FieldChanges changes, bool includeStatus)
    {
        var old = before.ToDictionary(item => ListSemantics.ElementOf(item, kind, meta));
        var current = new HashSet<PathElement>();
        foreach (var item in after)
        {
            var element = ListSemantics.ElementOf(item, kind, meta);
            current.Add(element);
            if (!old.TryGetValue(element, out var oldItem)) ObjectFields.VisitItem(item, kind, meta, path, changes.Added, includeStatus);
            else if (kind == ListKind.Associative) CompareFields((JsonObject)oldItem!, (JsonObject)item!, meta, path.Append(element), changes, includeStatus);
        }
        foreach (var element in old.Keys.Where(e => !current.Contains(e))) changes.Removed.Insert(path.Append(element));
    }

    // True when ownership of the value is tracked below it rather than on the value as a whole.
    private static bool IsGranular(JsonNode? node, PatchMeta? meta) => node switch
    {
        JsonObject obj => obj.Count > 0 && meta?.Atomic != true,
        JsonArray list => list.Count > 0 && ListSemantics.Classify(list, meta) != ListKind.Atomic,
        _ => false,
    };
}

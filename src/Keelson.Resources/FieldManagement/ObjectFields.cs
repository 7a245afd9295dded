using System.Text.Json.Nodes;
using Keelson.Resources.Patching;

namespace Keelson.Resources.FieldManagement;

/// <summary>
/// The fields an object sets, as server-side apply owns them: every scalar, null, empty object and atomic
/// value; every associative-list item (<c>k:</c>, also a member itself) and set value (<c>v:</c>). Non-empty
/// objects are owned through their fields, not as a node.
/// </summary>
internal static class ObjectFields
{
    public static FieldSet Of(JsonObject obj, PatchMeta? meta, bool includeStatus)
    {
        var set = new FieldSet();
        VisitFields(obj, meta, FieldPath.Root, set, includeStatus);
        return set;
    }

    /// <summary>Adds the fields of <paramref name="node"/>, found at <paramref name="path"/> (not the root), to <paramref name="set"/>.</summary>
    public static void Visit(JsonNode? node, PatchMeta? meta, FieldPath path, FieldSet set, bool includeStatus)
    {
        switch (node)
        {
            case JsonObject obj when meta?.Atomic != true && obj.Count > 0:
                VisitFields(obj, meta, path, set, includeStatus);
                break;
            case JsonArray list when list.Count > 0 && ListSemantics.Classify(list, meta) is var kind && kind != ListKind.Atomic:
                foreach (var item in list) VisitItem(item, kind, meta!, path, set, includeStatus);
                break;
            default:
                set.Insert(path);
                break;
        }
    }

    /// <summary>Adds one list item (the item itself and, for objects, its fields).</summary>
    public static void VisitItem(JsonNode? item, ListKind kind, PatchMeta listMeta, FieldPath listPath, FieldSet set, bool includeStatus)
    {
        var itemPath = listPath.Append(ListSemantics.ElementOf(item, kind, listMeta));
        set.Insert(itemPath);
        if (kind == ListKind.Associative) VisitFields((JsonObject)item!, listMeta, itemPath, set, includeStatus);
    }

    private static void VisitFields(JsonObject obj, PatchMeta? meta, FieldPath path, FieldSet set, bool includeStatus)
    {
        foreach (var (name, value) in obj)
        {
            if (IgnoredFields.IsIgnored(path, name, includeStatus)) continue;
            Visit(value, meta?.Field(name), path.Append(PathElement.Field(name)), set, includeStatus);
        }
    }
}

using System.Text.Json.Nodes;

namespace Keelson.Resources.FieldManagement;

/// <summary>Finds and removes the value a <see cref="FieldPath"/> names inside an object.</summary>
internal static class ObjectPaths
{
    public static JsonNode? Find(JsonNode? root, FieldPath path)
    {
        var node = root;
        foreach (var element in path)
        {
            node = Step(node, element, out _);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Removes the value at <paramref name="path"/>; false when it is not there.</summary>
    public static bool Remove(JsonObject root, FieldPath path)
    {
        if (path.Count == 0) return false;
        var parent = Find(root, path.Parent);
        switch (parent)
        {
            case JsonObject obj when path.Last!.Kind == PathElementKind.Field:
                return obj.Remove(path.Last.Name!);
            case JsonArray list:
                Step(list, path.Last!, out var index);
                if (index < 0) return false;
                list.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    private static JsonNode? Step(JsonNode? node, PathElement element, out int index)
    {
        index = -1;
        switch (element.Kind)
        {
            case PathElementKind.Field:
                return node is JsonObject obj ? obj[element.Name!] : null;
            case PathElementKind.Index when node is JsonArray list && element.Index < list.Count:
                index = element.Index;
                return list[index];
            case PathElementKind.Key when node is JsonArray list:
                index = IndexOf(list, element.MatchesItem);
                return index < 0 ? null : list[index];
            case PathElementKind.Value when node is JsonArray list:
                index = IndexOf(list, item => JsonNode.DeepEquals(item, element.Value));
                return index < 0 ? null : list[index];
            default:
                return null;
        }
    }

    private static int IndexOf(JsonArray list, Func<JsonNode?, bool> match)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (match(list[i])) return i;
        }
        return -1;
    }
}

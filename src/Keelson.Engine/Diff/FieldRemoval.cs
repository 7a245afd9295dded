using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources.FieldManagement;

namespace Keelson.Engine.Diff;

/// <summary>
/// Removes the values ignoreDifferences rules name. Paths that are not there are skipped, as Argo CD does. An object
/// left empty by a removal is removed from its parent object too, so that ignoring the only field of a map on one
/// side does not leave <c>{}</c> against an absent map on the other.
/// </summary>
internal static class FieldRemoval
{
    /// <summary>The unescaped reference tokens of an RFC 6901 pointer.</summary>
    /// <exception cref="DiffException">The pointer is malformed.</exception>
    public static IReadOnlyList<string> ParsePointer(string pointer)
    {
        if (pointer.Length == 0 || pointer[0] != '/')
            throw new DiffException($"jsonPointer '{pointer}' is not valid: it must start with '/'");
        var tokens = new List<string>();
        foreach (var raw in pointer[1..].Split('/'))
        {
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '~' && (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1')))
                    throw new DiffException($"jsonPointer '{pointer}' is not valid: '~' must be followed by 0 or 1");
            }
            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return tokens;
    }

    /// <summary>Removes the value a JSON pointer names; an array item is named by its index.</summary>
    public static void RemovePointer(JsonObject root, IReadOnlyList<string> tokens)
    {
        var location = ValueLocation.Root(root);
        foreach (var token in tokens)
        {
            switch (location.Node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    location = location.Child(token, child);
                    break;
                case JsonArray array when IsIndex(token, out var index) && index < array.Count:
                    location = location.Item(index, array[index]);
                    break;
                default:
                    return;
            }
        }
        Remove([location]);
    }

    /// <summary>Removes the value a managed-fields path names (fields, list items by key, by value or by index).</summary>
    public static void RemoveFieldPath(JsonObject root, FieldPath path)
    {
        var location = ValueLocation.Root(root);
        foreach (var element in path)
        {
            var next = Step(location, element);
            if (next is null) return;
            location = next;
        }
        Remove([location]);
    }

    /// <summary>Removes every location (array items from the highest index down), then prunes emptied objects.</summary>
    public static void Remove(IEnumerable<ValueLocation> locations)
    {
        foreach (var location in locations.OrderByDescending(l => l.Index))
        {
            if (location.Parent is null) continue;
            var removed = location.Parent.Node switch
            {
                JsonObject obj when location.Property is { } property
                    && obj.TryGetPropertyValue(property, out var current) && ReferenceEquals(current, location.Node) => obj.Remove(property),
                JsonArray array when location.Index >= 0 && location.Index < array.Count
                    && ReferenceEquals(array[location.Index], location.Node) => RemoveAt(array, location.Index),
                _ => false,
            };
            if (removed) PruneEmpty(location.Parent);
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static void PruneEmpty(ValueLocation location)
    {
        while (location is { Parent: { Node: JsonObject parent } grand, Node: JsonObject { Count: 0 } empty, Property: { } property }
            && parent.TryGetPropertyValue(property, out var current) && ReferenceEquals(current, empty))
        {
            parent.Remove(property);
            location = grand;
        }
    }

    private static ValueLocation? Step(ValueLocation location, PathElement element)
    {
        switch (element.Kind)
        {
            case PathElementKind.Field:
                return location.Node is JsonObject obj && obj.TryGetPropertyValue(element.Name!, out var child)
                    ? location.Child(element.Name!, child)
                    : null;
            case PathElementKind.Index:
                return location.Node is JsonArray list && element.Index < list.Count ? location.Item(element.Index, list[element.Index]) : null;
            case PathElementKind.Key:
            case PathElementKind.Value:
                if (location.Node is not JsonArray items) return null;
                for (var i = 0; i < items.Count; i++)
                {
                    var match = element.Kind == PathElementKind.Key ? element.MatchesItem(items[i]) : JsonNode.DeepEquals(items[i], element.Value);
                    if (match) return location.Item(i, items[i]);
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsIndex(string token, out int index)
    {
        index = -1;
        return token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0')
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}

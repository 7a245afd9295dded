using System.Text.Json.Nodes;

namespace Keelson.Engine.Diff;

/// <summary>
/// Where a value sits in an object: the value, and the property (or array index) of its parent that holds it.
/// The root has no parent. Kept as a chain so that removal can prune the objects it empties.
/// </summary>
internal sealed record ValueLocation(ValueLocation? Parent, JsonNode? Node, string? Property, int Index)
{
    public static ValueLocation Root(JsonObject root) => new(null, root, null, -1);

    public ValueLocation Child(string property, JsonNode? node) => new(this, node, property, -1);

    public ValueLocation Item(int index, JsonNode? node) => new(this, node, null, index);
}

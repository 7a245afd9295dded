using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>RFC 6902 JSON Patch.</summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies the operations in <paramref name="patch"/> (a JSON array) to a deep copy of <paramref name="document"/>,
    /// in order; the input is never modified, and a failing operation leaves no partial result. Throws
    /// <see cref="PatchException"/> naming the operation and path.
    /// </summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode patch)
    {
        if (patch is not JsonArray operations) throw new PatchException("json patch must be an array of operations");
        var root = document?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation) throw new PatchException($"json patch operation {i} is not an object");
            root = ApplyOne(root, operation, i);
        }
        return root;
    }

    private static JsonNode? ApplyOne(JsonNode? root, JsonObject operation, int index)
    {
        var op = RequiredString(operation, "op", index);
        var path = JsonPointer.Parse(RequiredString(operation, "path", index));
        try
        {
            switch (op)
            {
                case "add":
                    return Add(root, path, RequiredValue(operation, index, op)?.DeepClone());
                case "remove":
                    Remove(root, path);
                    return root;
                case "replace":
                    {
                        var value = RequiredValue(operation, index, op)?.DeepClone();
                        if (path.IsRoot) return value;
                        path.Resolve(root);
                        Remove(root, path);
                        return Add(root, path, value);
                    }
                case "move":
                    {
                        var from = JsonPointer.Parse(RequiredString(operation, "from", index));
                        if (path.IsInside(from)) throw new PatchException($"cannot move '{from.Text}' into its own child '{path.Text}'");
                        if (from.Text == path.Text) return root;
                        var value = from.Resolve(root)?.DeepClone();
                        if (from.IsRoot) return value;
                        Remove(root, from);
                        return Add(root, path, value);
                    }
                case "copy":
                    {
                        var from = JsonPointer.Parse(RequiredString(operation, "from", index));
                        return Add(root, path, from.Resolve(root)?.DeepClone());
                    }
                case "test":
                    {
                        var expected = RequiredValue(operation, index, op);
                        var actual = path.Resolve(root);
                        if (!JsonNode.DeepEquals(expected, actual))
                            throw new PatchException($"test failed at path '{path.Text}': value is {actual?.ToJsonString() ?? "null"}, expected {expected?.ToJsonString() ?? "null"}");
                        return root;
                    }
                default:
                    throw new PatchException($"json patch operation {index}: unknown op '{op}' (path '{path.Text}')");
            }
        }
        catch (PatchException e) when (!e.Message.StartsWith("json patch operation", StringComparison.Ordinal))
        {
            throw new PatchException($"json patch operation {index} ({op}): {e.Message}");
        }
    }

    private static JsonNode? Add(JsonNode? root, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot) return value;
        var last = path.Tokens[^1];
        switch (path.Parent(root))
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array:
                array.Insert(path.ArrayIndex(last, array.Count, allowEnd: true), value);
                break;
        }
        return root;
    }

    private static void Remove(JsonNode? root, JsonPointer path)
    {
        if (path.IsRoot) throw new PatchException("cannot remove the document root");
        var last = path.Tokens[^1];
        switch (path.Parent(root))
        {
            case JsonObject obj:
                if (!obj.Remove(last)) throw new PatchException($"path '{path.Text}' does not exist");
                break;
            case JsonArray array:
                array.RemoveAt(path.ArrayIndex(last, array.Count, allowEnd: false));
                break;
        }
    }

    private static string RequiredString(JsonObject operation, string member, int index) =>
        operation[member] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new PatchException($"json patch operation {index}: missing or non-string '{member}'");

    private static JsonNode? RequiredValue(JsonObject operation, int index, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value
            : throw new PatchException($"json patch operation {index} ({op}) at '{operation["path"]}': missing 'value'");
}

using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>RFC 6902 JSON Patch.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in <paramref name="patch"/> (a JSON array) to a deep copy of <paramref name="document"/>. Throws <see cref="PatchException"/>.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode patch) => throw new NotImplementedException();
}

using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>RFC 7386 JSON merge patch.</summary>
public static class MergePatch
{
    /// <summary>Returns the patched deep copy of <paramref name="target"/>; nulls in the patch delete.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) => throw new NotImplementedException();

    /// <summary>The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.</summary>
    public static JsonNode? Create(JsonNode? original, JsonNode? modified) => throw new NotImplementedException();
}

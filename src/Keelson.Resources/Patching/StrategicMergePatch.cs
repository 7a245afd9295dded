using System.Text.Json.Nodes;

namespace Keelson.Resources.Patching;

/// <summary>Kubernetes strategic merge patch over built-in types, driven by <see cref="PatchMeta"/>.</summary>
public static class StrategicMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to a deep copy of <paramref name="original"/>. Lists with a merge key merge
    /// item by item; <c>$patch</c> (replace/merge/delete), <c>$setElementOrder/…</c>, <c>$retainKeys</c>,
    /// <c>$deleteFromPrimitiveList/…</c> directives are honoured and never left in the result. A null
    /// <paramref name="meta"/> behaves as JSON merge patch. Throws <see cref="PatchException"/>.
    /// </summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, PatchMeta? meta) => throw new NotImplementedException();
}

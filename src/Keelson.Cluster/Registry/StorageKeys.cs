using Keelson.Cluster.Catalog;

namespace Keelson.Cluster.Registry;

/// <summary>
/// Storage keys, one per object independent of API version: "/registry/{group}/{resource}/{namespace}/{name}"
/// ("core" stands for the core group; cluster-scoped objects have no namespace segment).
/// </summary>
internal static class StorageKeys
{
    public static string ResourcePrefix(ResourceType type) => $"/registry/{GroupSegment(type.Group)}/{type.Plural}/";

    /// <summary>The prefix of a list: every object of the type, or those in one namespace.</summary>
    public static string ListPrefix(ResourceType type, string? ns) =>
        type.Namespaced && !string.IsNullOrEmpty(ns) ? $"{ResourcePrefix(type)}{ns}/" : ResourcePrefix(type);

    public static string ObjectKey(ResourceType type, string? ns, string name) =>
        type.Namespaced ? $"{ResourcePrefix(type)}{ns}/{name}" : $"{ResourcePrefix(type)}{name}";

    private static string GroupSegment(string group) => group.Length == 0 ? "core" : group;
}

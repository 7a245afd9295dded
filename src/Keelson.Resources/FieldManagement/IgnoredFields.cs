namespace Keelson.Resources.FieldManagement;

/// <summary>
/// Fields no manager ever owns: the type identity, server-set metadata, and (outside the status
/// subresource) status.
/// </summary>
internal static class IgnoredFields
{
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink",
    };

    /// <summary>True when field <paramref name="name"/> of the node at <paramref name="parent"/> is never owned.</summary>
    public static bool IsIgnored(FieldPath parent, string name, bool includeStatus) => parent.Count switch
    {
        0 => name is "apiVersion" or "kind" || (name == "status" && !includeStatus),
        1 => parent[0].Kind == PathElementKind.Field && parent[0].Name == "metadata" && Metadata.Contains(name),
        _ => false,
    };
}

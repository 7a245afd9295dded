namespace Keelson.Resources;

/// <summary>The API group, version and kind that name a Kubernetes type. The core group is "".</summary>
public readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary>"apps/v1" for group apps, "v1" for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public GroupKind GroupKind => new(Group, Kind);

    public GroupVersion GroupVersion => new(Group, Version);

    /// <summary>Splits an apiVersion ("apps/v1", "v1") and pairs it with a kind.</summary>
    public static GroupVersionKind From(string apiVersion, string kind)
    {
        var gv = GroupVersion.Parse(apiVersion);
        return new GroupVersionKind(gv.Group, gv.Version, kind);
    }

    public override string ToString() => $"{ApiVersion}, Kind={Kind}";
}

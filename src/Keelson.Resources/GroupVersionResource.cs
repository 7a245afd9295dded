namespace Keelson.Resources;

/// <summary>The API group, version and plural resource name that address a type in REST paths.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"deployments.apps", or "pods" for the core group, as Kubernetes names resources in messages.</summary>
    public string GroupResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public override string ToString() => $"{ApiVersion}/{Resource}";
}

namespace Keelson.Resources;

/// <summary>An API group and version; the core group is "".</summary>
public readonly record struct GroupVersion(string Group, string Version)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Parses "apps/v1" or "v1". Does not validate the parts.</summary>
    public static GroupVersion Parse(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new GroupVersion("", apiVersion) : new GroupVersion(apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    public override string ToString() => ApiVersion;
}

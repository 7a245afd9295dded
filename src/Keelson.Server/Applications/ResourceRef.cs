using Keelson.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

/// <summary>
/// Which object of an Application a resource request is about, as Argo CD's ApplicationResourceRequest names it:
/// <c>namespace, resourceName, version, group, kind</c> (empty group: the core group).
/// </summary>
public sealed record ResourceRef(string Group, string Version, string Kind, string Namespace, string Name)
{
    /// <summary>
    /// Reads the fields through <paramref name="field"/> (the query, or a request body). A kind and a name are required;
    /// no field may hold '/' or '..' — they become path segments of the cluster's API and of RBAC objects.
    /// </summary>
    public static (ResourceRef? Ref, IResult? Error) From(Func<string, string?> field)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "group", "version", "kind", "namespace", "resourceName" })
        {
            var value = field(key) ?? "";
            if (value.Contains('/') || value.Contains("..", StringComparison.Ordinal) || value.Any(char.IsControl))
                return (null, ArgoError.InvalidArgument($"{key} \"{value}\": must not contain '/', '..' or control characters"));
            values[key] = value;
        }
        if (values["kind"].Length == 0) return (null, ArgoError.InvalidArgument("kind: required"));
        if (values["resourceName"].Length == 0) return (null, ArgoError.InvalidArgument("resourceName: required"));
        return (new ResourceRef(values["group"], values["version"], values["kind"], values["namespace"], values["resourceName"]), null);
    }

    public static (ResourceRef? Ref, IResult? Error) From(IQueryCollection query) =>
        From(key => query[key].ToString());

    /// <summary>"Deployment apps web", as Argo CD's "not found as part of application" message names an object.</summary>
    public override string ToString() => $"{Kind} {Group} {Name}";
}

using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Applications;

/// <summary>The <c>namespace, name, group, kind</c> of a ResourcesQuery: each one given must match exactly (version is not compared, as in Argo CD).</summary>
internal sealed record ResourceFilter(string Namespace, string Name, string Group, string Kind)
{
    public static ResourceFilter From(IQueryCollection query) =>
        new(query["namespace"].ToString(), query["name"].ToString(), query["group"].ToString(), query["kind"].ToString());

    public bool Matches(string group, string kind, string ns, string name) =>
        (Namespace.Length == 0 || Namespace == ns) && (Name.Length == 0 || Name == name)
        && (Group.Length == 0 || Group == group) && (Kind.Length == 0 || Kind == kind);
}

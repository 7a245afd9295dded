using System.Collections.Frozen;

namespace Keelson.Server.Rbac;

/// <summary>
/// The closed vocabulary of Argo CD's RBAC: the names of resources and actions as policies write them, which
/// resources are project-scoped, and which actions each resource has (the table of Argo CD's RBAC documentation).
/// </summary>
public static class RbacVocabulary
{
    private static readonly FrozenDictionary<RbacResource, string> ResourceNames = new Dictionary<RbacResource, string>
    {
        [RbacResource.Applications] = "applications",
        [RbacResource.ApplicationSets] = "applicationsets",
        [RbacResource.Clusters] = "clusters",
        [RbacResource.Projects] = "projects",
        [RbacResource.Repositories] = "repositories",
        [RbacResource.WriteRepositories] = "write-repositories",
        [RbacResource.Accounts] = "accounts",
        [RbacResource.Certificates] = "certificates",
        [RbacResource.GpgKeys] = "gpgkeys",
        [RbacResource.Logs] = "logs",
        [RbacResource.Exec] = "exec",
        [RbacResource.Extensions] = "extensions",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, RbacResource> ResourcesByName =
        ResourceNames.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, RbacAction> ActionsByName =
        Enum.GetValues<RbacAction>().ToFrozenDictionary(a => a.Name(), a => a, StringComparer.Ordinal);

    // `argocd admin settings rbac can` accepts these for the resource argument.
    private static readonly FrozenDictionary<string, RbacResource> Aliases = new Dictionary<string, RbacResource>(StringComparer.Ordinal)
    {
        ["account"] = RbacResource.Accounts,
        ["app"] = RbacResource.Applications,
        ["apps"] = RbacResource.Applications,
        ["application"] = RbacResource.Applications,
        ["applicationset"] = RbacResource.ApplicationSets,
        ["appset"] = RbacResource.ApplicationSets,
        ["cert"] = RbacResource.Certificates,
        ["certs"] = RbacResource.Certificates,
        ["certificate"] = RbacResource.Certificates,
        ["cluster"] = RbacResource.Clusters,
        ["extension"] = RbacResource.Extensions,
        ["gpgkey"] = RbacResource.GpgKeys,
        ["key"] = RbacResource.GpgKeys,
        ["log"] = RbacResource.Logs,
        ["proj"] = RbacResource.Projects,
        ["projs"] = RbacResource.Projects,
        ["project"] = RbacResource.Projects,
        ["repo"] = RbacResource.Repositories,
        ["repos"] = RbacResource.Repositories,
        ["repository"] = RbacResource.Repositories,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly RbacAction[] Crud = [RbacAction.Get, RbacAction.Create, RbacAction.Update, RbacAction.Delete];

    private static readonly FrozenDictionary<RbacResource, RbacAction[]> ActionsByResource = new Dictionary<RbacResource, RbacAction[]>
    {
        [RbacResource.Applications] =
        [
            RbacAction.Get, RbacAction.Create, RbacAction.Update, RbacAction.Delete, RbacAction.Sync,
            RbacAction.Rollback, RbacAction.Action, RbacAction.Override,
        ],
        [RbacResource.ApplicationSets] = Crud,
        [RbacResource.Clusters] = Crud,
        [RbacResource.Projects] = Crud,
        [RbacResource.Repositories] = Crud,
        [RbacResource.WriteRepositories] = Crud,
        [RbacResource.Accounts] = [RbacAction.Get, RbacAction.Update],
        [RbacResource.Certificates] = [RbacAction.Get, RbacAction.Create, RbacAction.Delete],
        [RbacResource.GpgKeys] = [RbacAction.Get, RbacAction.Create, RbacAction.Delete],
        [RbacResource.Logs] = [RbacAction.Get],
        [RbacResource.Exec] = [RbacAction.Create],
        [RbacResource.Extensions] = [RbacAction.Invoke],
    }.ToFrozenDictionary();

    /// <summary>The resource as policies write it: <c>applications</c>, <c>write-repositories</c>, ….</summary>
    public static string Name(this RbacResource resource) => ResourceNames[resource];

    /// <summary>The action as policies write it: <c>get</c>, <c>sync</c>, ….</summary>
    public static string Name(this RbacAction action) => action.ToString().ToLowerInvariant();

    public static bool TryParseResource(string name, out RbacResource resource) => ResourcesByName.TryGetValue(name, out resource);

    public static bool TryParseAction(string name, out RbacAction action) => ActionsByName.TryGetValue(name, out action);

    /// <summary>A resource name or one of the short names `argocd admin settings rbac can` accepts (<c>app</c>, <c>proj</c>, <c>repo</c>, …).</summary>
    public static bool TryResolve(string nameOrAlias, out RbacResource resource) =>
        ResourcesByName.TryGetValue(nameOrAlias, out resource) || Aliases.TryGetValue(nameOrAlias, out resource);

    /// <summary>
    /// Whether the resource's object starts with a project (<c>&lt;project&gt;/&lt;name&gt;</c>), so that project roles
    /// may grant it: applications, applicationsets, logs, exec, and project-scoped clusters and repositories.
    /// </summary>
    public static bool IsProjectScoped(this RbacResource resource) =>
        resource is RbacResource.Applications or RbacResource.ApplicationSets or RbacResource.Logs
            or RbacResource.Exec or RbacResource.Clusters or RbacResource.Repositories;

    /// <summary>The actions the resource has, as in the table of Argo CD's RBAC documentation.</summary>
    public static IReadOnlyList<RbacAction> ActionsOf(this RbacResource resource) => ActionsByResource[resource];

    /// <summary>
    /// Whether <paramref name="action"/> (possibly with a path, <c>update/apps/Deployment/ns/web</c>) is an action of
    /// <paramref name="resource"/>; only update, delete and action on applications take a path.
    /// </summary>
    public static bool IsActionOf(this RbacResource resource, string action)
    {
        var slash = action.IndexOf('/', StringComparison.Ordinal);
        var head = slash < 0 ? action : action[..slash];
        if (!TryParseAction(head, out var parsed) || !ActionsByResource[resource].Contains(parsed)) return false;
        return slash < 0 || (resource == RbacResource.Applications && parsed is RbacAction.Update or RbacAction.Delete or RbacAction.Action);
    }
}

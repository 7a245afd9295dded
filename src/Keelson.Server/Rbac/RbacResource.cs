namespace Keelson.Server.Rbac;

/// <summary>
/// The resources of Argo CD's RBAC, written in policies as <see cref="RbacVocabulary.Name(RbacResource)"/> gives
/// (<c>applications</c>, <c>applicationsets</c>, …, <c>write-repositories</c>).
/// </summary>
public enum RbacResource
{
    Applications,
    ApplicationSets,
    Clusters,
    Projects,
    Repositories,
    WriteRepositories,
    Accounts,
    Certificates,
    GpgKeys,
    Logs,
    Exec,
    Extensions,
}

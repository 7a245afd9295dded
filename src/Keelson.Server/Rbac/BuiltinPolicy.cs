namespace Keelson.Server.Rbac;

/// <summary>
/// The policy every Argo CD 3.x enforcer starts from (its <c>assets/builtin-policy.csv</c>): <c>role:readonly</c> may
/// get everything; <c>role:admin</c> may also change everything (applications' per-resource and resource actions
/// included) and inherits <c>role:readonly</c>; the local user <c>admin</c> has <c>role:admin</c>.
/// </summary>
public static class BuiltinPolicy
{
    public const string ReadOnlyRole = "role:readonly";
    public const string AdminRole = "role:admin";
    public const string AdminUser = "admin";

    private const string Key = "builtin-policy.csv";

    /// <summary>What <see cref="ReadOnlyRole"/> and <see cref="AdminRole"/> may do, in Argo CD's order.</summary>
    public static IReadOnlyList<PolicyRule> Rules { get; } = BuildRules();

    /// <summary><c>g, role:admin, role:readonly</c> and <c>g, admin, role:admin</c>.</summary>
    public static IReadOnlyList<RoleBinding> Bindings { get; } =
    [
        new(AdminRole, ReadOnlyRole, new(Key, Rules.Count + 1)),
        new(AdminUser, AdminRole, new(Key, Rules.Count + 2)),
    ];

    private static List<PolicyRule> BuildRules()
    {
        var rules = new List<PolicyRule>();
        void Allow(string role, RbacResource resource, params string[] actions)
        {
            // Project-scoped objects are <project>/<name>; the rest are plain names.
            var obj = resource.IsProjectScoped() && resource is not (RbacResource.Clusters or RbacResource.Repositories) ? "*/*" : "*";
            foreach (var action in actions)
                rules.Add(new(role, resource.Name(), action, obj, PolicyEffect.Allow, new(Key, rules.Count + 1)));
        }

        foreach (var resource in new[]
        {
            RbacResource.Applications, RbacResource.ApplicationSets, RbacResource.Certificates, RbacResource.Clusters,
            RbacResource.Repositories, RbacResource.WriteRepositories, RbacResource.Projects, RbacResource.Accounts,
            RbacResource.GpgKeys, RbacResource.Logs,
        })
        {
            Allow(ReadOnlyRole, resource, "get");
        }

        Allow(AdminRole, RbacResource.Applications, "create", "update", "update/*", "delete", "delete/*", "sync", "rollback", "override", "action/*");
        Allow(AdminRole, RbacResource.ApplicationSets, "get", "create", "update", "delete");
        foreach (var resource in new[] { RbacResource.Certificates, RbacResource.Clusters, RbacResource.Repositories, RbacResource.WriteRepositories, RbacResource.Projects })
            Allow(AdminRole, resource, "create", "update", "delete");
        Allow(AdminRole, RbacResource.Accounts, "update");
        Allow(AdminRole, RbacResource.GpgKeys, "create", "delete");
        Allow(AdminRole, RbacResource.Exec, "create");
        return rules;
    }
}

namespace Keelson.Server.Rbac;

/// <summary>The settings of <c>argocd-cm</c> (and of the enforcer itself) that change what RBAC decides.</summary>
public sealed record RbacEnforcerOptions
{
    public const string FineGrainedInheritanceKey = "server.rbac.disableApplicationFineGrainedRBACInheritance";
    public const string RollbackEnforceKey = "server.rbac.rollback.enforce.enable";

    public static RbacEnforcerOptions Default { get; } = new();

    /// <summary>Whether <see cref="BuiltinPolicy"/> is part of the policy (always, in a server; `rbac can --use-builtin-policy=false` turns it off).</summary>
    public bool UseBuiltinPolicy { get; init; } = true;

    /// <summary>
    /// Argo CD 3's default (true): plain <c>update</c>/<c>delete</c> on an application do not extend to its resources,
    /// which need <c>update/…</c>/<c>delete/…</c>. False (as Argo CD 2) lets plain update/delete also cover them.
    /// </summary>
    public bool DisableApplicationFineGrainedRbacInheritance { get; init; } = true;

    /// <summary>Whether rolling back checks <c>rollback</c>; by default (false) it checks <c>sync</c>, as Argo CD does.</summary>
    public bool EnforceRollback { get; init; }

    /// <summary>The action a rollback is checked as.</summary>
    public RbacAction RollbackAction => EnforceRollback ? RbacAction.Rollback : RbacAction.Sync;

    /// <summary>
    /// Reads the keys from <c>argocd-cm</c>'s data as Go's <c>strconv.ParseBool</c> does (1, t, true, 0, f, false in
    /// any of Go's spellings); a missing or unreadable value keeps the default.
    /// </summary>
    public static RbacEnforcerOptions FromArgoCdConfigMap(IReadOnlyDictionary<string, string> data) => new()
    {
        DisableApplicationFineGrainedRbacInheritance = data.TryGetValue(FineGrainedInheritanceKey, out var inherit) && ParseBool(inherit) is { } disable ? disable : true,
        EnforceRollback = data.TryGetValue(RollbackEnforceKey, out var rollback) && ParseBool(rollback) == true,
    };

    private static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };
}

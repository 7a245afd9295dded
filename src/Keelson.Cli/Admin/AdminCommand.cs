using System.CommandLine;

namespace Keelson.Cli.Admin;

/// <summary>`keelson admin …`: Argo CD's `argocd admin` verbs (`settings rbac can|validate` as `rbac can|validate`, `initial-password`).</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var rbac = new Command("rbac", "Validate and test RBAC configuration (argocd-rbac-cm), as `argocd admin settings rbac`.");
        rbac.Subcommands.Add(RbacCanCommand.Create());
        rbac.Subcommands.Add(RbacValidateCommand.Create());
        var admin = new Command("admin", "Administer Argo CD settings: RBAC checks, the initial admin password.");
        admin.Subcommands.Add(rbac);
        admin.Subcommands.Add(InitialPasswordCommand.Create());
        return admin;
    }
}

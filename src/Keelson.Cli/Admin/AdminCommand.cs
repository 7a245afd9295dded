using System.CommandLine;

namespace Keelson.Cli.Admin;

/// <summary>`keelson admin …`: Argo CD's `argocd admin settings` checks, run locally (`rbac can`, `rbac validate`).</summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var rbac = new Command("rbac", "Validate and test RBAC configuration (argocd-rbac-cm), as `argocd admin settings rbac`.");
        rbac.Subcommands.Add(RbacCanCommand.Create());
        rbac.Subcommands.Add(RbacValidateCommand.Create());
        var admin = new Command("admin", "Administrative checks of Argo CD settings.");
        admin.Subcommands.Add(rbac);
        return admin;
    }
}

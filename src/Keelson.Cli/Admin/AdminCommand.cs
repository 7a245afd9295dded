using System.CommandLine;

namespace Keelson.Cli.Admin;

/// <summary>
/// `keelson admin …`: Argo CD's `argocd admin` verbs (`settings rbac can|validate` as `rbac can|validate`,
/// `settings resource-overrides …`, `initial-password`).
/// </summary>
public static class AdminCommand
{
    public static Command Create()
    {
        var rbac = new Command("rbac", "Validate and test RBAC configuration (argocd-rbac-cm), as `argocd admin settings rbac`.");
        rbac.Subcommands.Add(RbacCanCommand.Create());
        rbac.Subcommands.Add(RbacValidateCommand.Create());
        var argocdCmPath = new Option<string?>("--argocd-cm-path") { Description = "Path to a local argocd-cm.yaml file.", Recursive = true };
        var settings = new Command("settings", "Troubleshoot settings, as `argocd admin settings`.");
        settings.Options.Add(argocdCmPath);
        settings.Subcommands.Add(ResourceOverridesCommand.Create(argocdCmPath));
        var admin = new Command("admin", "Administer Argo CD settings: RBAC checks, resource overrides, the initial admin password.");
        admin.Subcommands.Add(rbac);
        admin.Subcommands.Add(settings);
        admin.Subcommands.Add(InitialPasswordCommand.Create());
        return admin;
    }
}

using System.CommandLine;

namespace Keelson.Cli;

/// <summary>The root of the `keelson` command tree.</summary>
public static class KeelsonCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Keelson: GitOps continuous delivery with an embedded Kubernetes-compatible cluster.");
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(EditCommand.Create());
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(ControllerCommand.Create());
        root.Subcommands.Add(App.AppCommand.Create());
        var admin = new Command("admin", "Administer the server's settings: the initial admin password.");
        admin.Subcommands.Add(Admin.InitialPasswordCommand.Create());
        root.Subcommands.Add(admin);
        return root;
    }
}

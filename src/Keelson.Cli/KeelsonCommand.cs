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
        root.Subcommands.Add(Up.UpCommand.Create());
        root.Subcommands.Add(Up.DownCommand.Create());
        root.Subcommands.Add(ControllerCommand.Create());
        root.Subcommands.Add(ServerCommand.Create());
        root.Subcommands.Add(App.AppCommand.Create());
        root.Subcommands.Add(Admin.AdminCommand.Create());
        root.Subcommands.Add(Api.LoginCommand.Create());
        root.Subcommands.Add(Api.LoginCommand.Logout());
        root.Subcommands.Add(Api.LoginCommand.Context());
        root.Subcommands.Add(Api.AccountCommand.Create());
        root.Subcommands.Add(Api.ProjectCommand.Create());
        return root;
    }
}

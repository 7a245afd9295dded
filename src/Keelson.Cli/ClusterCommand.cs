using System.CommandLine;

namespace Keelson.Cli;

/// <summary>`keelson cluster …`: the embedded Kubernetes-API-compatible cluster.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = new Command("cluster", "Run the embedded Kubernetes-API-compatible cluster.");
        var start = new Command("start", "Serve the embedded cluster on 127.0.0.1 until Ctrl+C.");
        cluster.Subcommands.Add(start);
        return cluster;
    }
}

using System.CommandLine;
using Keelson.Cluster;

namespace Keelson.Cli;

/// <summary>`keelson cluster …`: the embedded Kubernetes-API-compatible cluster.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = new Command("cluster", "Run the embedded Kubernetes-API-compatible cluster.");
        cluster.Subcommands.Add(CreateStart());
        cluster.Subcommands.Add(ClusterLoadCommand.Create());
        return cluster;
    }

    private static Command CreateStart()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 6443 };
        var data = new Option<string?>("--data") { Description = $"Directory for the cluster's state (default {ClusterOptions.DefaultDataDirectory})." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep all state in memory; nothing survives the process." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = $"Where to write the kubeconfig (default {Kubeconfig.DefaultPath})." };
        var start = new Command("start", "Serve the embedded cluster on 127.0.0.1 until Ctrl+C.") { port, data, inMemory, kubeconfig };
        start.Validators.Add(result =>
        {
            if (result.GetValue(inMemory) && result.GetValue(data) is not null) result.AddError("--data and --in-memory cannot be used together.");
            var p = result.GetValue(port);
            if (p is < 0 or > 65535) result.AddError($"--port {p}: must be between 0 and 65535.");
        });
        start.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ClusterOptions
            {
                Port = parse.GetValue(port),
                DataDirectory = parse.GetValue(data),
                InMemory = parse.GetValue(inMemory),
            };
            EmbeddedCluster cluster;
            try
            {
                cluster = await EmbeddedCluster.StartAsync(options, cancellationToken: cancellationToken);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot start the cluster: {ex.Message}");
                return 1;
            }
            await using (cluster)
            {
                var path = cluster.WriteKubeconfig(parse.GetValue(kubeconfig) ?? Kubeconfig.DefaultPath);
                Console.WriteLine($"Keelson embedded cluster serving at {cluster.BaseAddress}");
                Console.WriteLine(options.InMemory ? "State: in memory" : $"State: {Path.Combine(options.DataDirectory ?? ClusterOptions.DefaultDataDirectory, "state.db")}");
                Console.WriteLine($"Kubeconfig written to {path} (context \"keelson\"). Point kubectl at it:");
                Console.WriteLine($"  export KUBECONFIG={path}");
                Console.WriteLine("  kubectl get namespaces");
                Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("Stopping.");
                }
            }
            return 0;
        });
        return start;
    }
}

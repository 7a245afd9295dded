using System.CommandLine;
using Keelson.Cluster;
using Keelson.Cluster.Kubelet;

namespace Keelson.Cli;

/// <summary>`keelson cluster …`: the embedded Kubernetes-API-compatible cluster.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = new Command("cluster", "Run the embedded Kubernetes-API-compatible cluster.");
        cluster.Subcommands.Add(CreateStart());
        cluster.Subcommands.Add(CreateImage());
        cluster.Subcommands.Add(ClusterLoadCommand.Create());
        return cluster;
    }

    private static Command CreateStart()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 6443 };
        var data = new Option<string?>("--data") { Description = $"Directory for the cluster's state (default {ClusterOptions.DefaultDataDirectory})." };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep all state in memory; nothing survives the process." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = $"Where to write the kubeconfig (default {Kubeconfig.DefaultPath})." };
        var images = new Option<string>("--images")
        {
            Description = "Which images pull: any (every image) or catalog (only those pushed with `keelson cluster image push`).",
            DefaultValueFactory = _ => "any",
        };
        images.AcceptOnlyFromAmong("any", "catalog");
        var start = new Command("start", "Serve the embedded cluster on 127.0.0.1 until Ctrl+C.") { port, data, inMemory, kubeconfig, images };
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
                Simulation = new SimulationOptions { ImagePolicy = parse.GetValue(images) == "catalog" ? ImagePolicy.Catalog : ImagePolicy.Any },
            };
            EmbeddedCluster cluster;
            try
            {
                cluster = await EmbeddedCluster.StartAsync(options, cancellationToken: cancellationToken);
            }
            catch (Keelson.Cluster.Storage.DataDirectoryInUseException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot start the cluster: {ex.Message}: stop it first, or give this one another --data DIR");
                return 1;
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot start the cluster: {ex.Message} (port {options.Port} is taken? try --port 0)");
                return 1;
            }
            await using (cluster)
            {
                var path = cluster.WriteKubeconfig(parse.GetValue(kubeconfig) ?? Kubeconfig.DefaultPath);
                Console.WriteLine($"Keelson embedded cluster serving at {cluster.BaseAddress}");
                Console.WriteLine($"Images: {(options.Simulation.ImagePolicy == ImagePolicy.Catalog ? "only those in the catalog pull (keelson cluster image push NAME:TAG)" : "every image pulls")}");
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
            // 130, the conventional exit status after Ctrl+C (SIGINT), once everything is stopped.
            return 130;
        });
        return start;
    }

    /// <summary>`keelson cluster image push|list`: the image catalog of a running cluster, through its kubeconfig.</summary>
    private static Command CreateImage()
    {
        var image = new Command("image", "Manage the image catalog of a running cluster (what pulls under --images catalog).");
        Option<string?> KubeconfigOption() => new("--kubeconfig") { Description = KubeconfigMerge.OptionDescription };

        var pushKubeconfig = KubeconfigOption();
        var name = new Argument<string>("NAME:TAG") { Description = "The image reference, e.g. nginx:1.27 or ghcr.io/org/app:v2." };
        var push = new Command("push", "Add an image to the catalog: pods using it pull from now on.") { name, pushKubeconfig };
        push.SetAction(async (parse, cancellationToken) =>
        {
            var client = Connect(parse.GetValue(pushKubeconfig));
            if (client is null) return 1;
            try
            {
                var reference = await client.PushAsync(parse.GetValue(name)!, cancellationToken);
                Console.WriteLine($"pushed {reference}");
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot reach the cluster: {ex.Message}");
                return 1;
            }
        });

        var listKubeconfig = KubeconfigOption();
        var list = new Command("list", "List the images in the catalog.") { listKubeconfig };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var client = Connect(parse.GetValue(listKubeconfig));
            if (client is null) return 1;
            try
            {
                foreach (var reference in await client.ListAsync(cancellationToken)) Console.WriteLine(reference);
                return 0;
            }
            catch (Exception ex) when (ex is HttpRequestException or k8s.Autorest.HttpOperationException)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot reach the cluster: {ex.Message}");
                return 1;
            }
        });

        image.Subcommands.Add(push);
        image.Subcommands.Add(list);
        return image;
    }

    private static ImageCatalogClient? Connect(string? kubeconfig)
    {
        try
        {
            return ImageCatalogClient.FromKubeconfig(KubeconfigMerge.Require(kubeconfig));
        }
        catch (App.CliException ex)
        {
            Console.Error.WriteLine($"keelson: {ex.Message}");
            return null;
        }
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Keelson.Cluster;
using Keelson.Cluster.Kubelet;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Resources;
using Keelson.Resources.Serialization;
using Spectre.Console;

namespace Keelson.Cli;

/// <summary>
/// `keelson up`: the whole seed on one machine — the embedded cluster, a local Git repository seeded from the
/// examples, the engine, and the guestbook's three environments — until Ctrl+C. A second run on the same data resumes.
/// </summary>
public static class UpCommand
{
    /// <summary>The images the seed's manifests use, pushed to the embedded cluster's catalog so their pods pull.</summary>
    private static readonly string[] SeedImages =
    [
        "ghcr.io/keelson-dev/guestbook-frontend:1.0.0", "redis:7.4-alpine", "wordpress:6.8-apache", "mysql:8.4",
    ];

    private static readonly string[] Applications = ["guestbook-dev", "guestbook-staging", "guestbook-prod"];

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Directory for the cluster's state, the Git repository and caches (default ~/.keelson/up)." };
        var port = new Option<int>("--port") { Description = "TCP port of the cluster on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 6443 };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Write the kubeconfig here instead of merging it into ~/.kube/config (context keelson)." };
        var command = new Command("up", "Run the whole seed on this machine: cluster, Git, engine and the guestbook in dev, staging and prod, until Ctrl+C.")
        {
            data, port, kubeconfig,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(data) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "up"),
            parse.GetValue(port), parse.GetValue(kubeconfig), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string data, int port, string? kubeconfigPath, CancellationToken cancellationToken)
    {
        data = Path.GetFullPath(data);
        Directory.CreateDirectory(data);
        var console = AnsiConsole.Console;
        // Redirected output (a log, a test) is not wrapped at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 4096;
        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
            {
                Port = port,
                DataDirectory = Path.Combine(data, "cluster"),
                Simulation = new SimulationOptions { ImagePolicy = ImagePolicy.Catalog },
            }, cancellationToken: cancellationToken);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"keelson: cannot start the cluster: {ex.Message} (is another `keelson up` running? try --port 0)");
            return 1;
        }
        await using (cluster)
        {
            var own = cluster.WriteKubeconfig(Path.Combine(data, "kubeconfig"));
            var written = kubeconfigPath ?? KubeconfigMerge.DefaultPath;
            try
            {
                if (kubeconfigPath is null) KubeconfigMerge.Merge(own, written);
                else File.Copy(own, written, overwrite: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot write the kubeconfig: {ex.Message}");
                return 1;
            }
            console.MarkupLine($"[green]✓[/] Cluster serving at {cluster.BaseAddress} (state in {Markup.Escape(Path.Combine(data, "cluster"))})");

            var catalog = ImageCatalogClient.FromKubeconfig(own);
            foreach (var image in SeedImages) await catalog.PushAsync(image, cancellationToken);
            console.MarkupLine($"[green]✓[/] Images in the cluster's catalog: {string.Join(", ", SeedImages)}");

            var repo = Path.Combine(data, "repo");
            var created = SeedRepository.EnsureCreated(repo);
            console.MarkupLine($"[green]✓[/] Git repository {(created ? "seeded" : "found")} at {Markup.Escape(repo)}");

            using var client = KubeClient.FromKubeconfig(own);
            var options = new EngineOptions { CacheDirectory = Path.Combine(data, "git-cache") };
            await using var controller = await ApplicationController.StartAsync(client, options, cancellationToken: cancellationToken);
            console.MarkupLine("[green]✓[/] Engine watching Applications in namespace argocd");

            foreach (var file in new[] { "projects.yaml", "guestbook-dev.yaml", "guestbook-staging.yaml", "guestbook-prod.yaml" })
                await ApplyFileAsync(client, Path.Combine(repo, "examples", "argocd-apps", file), cancellationToken);
            console.MarkupLine("[green]✓[/] Applications applied: " + string.Join(", ", Applications));

            bool prodWaiting;
            try
            {
                prodWaiting = await WaitForSeedAsync(client, console, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.WriteLine("Stopping.");
                return 130;
            }
            console.MarkupLine("[bold green]Keelson is up:[/] guestbook-dev and guestbook-staging are Synced and Healthy; guestbook-prod "
                + (prodWaiting ? "is OutOfSync, waiting for a manual sync." : "is Synced (it syncs only by hand)."));
            console.WriteLine();
            console.MarkupLine("Try next:");
            console.MarkupLine($"  kubectl get applications -n argocd{(kubeconfigPath is null ? "" : " --kubeconfig " + Markup.Escape(written))}");
            console.MarkupLine("  kubectl get pods -n guestbook-dev");
            console.MarkupLine("  keelson app sync guestbook-prod        [grey](or: dotnet run --project src/Keelson.Cli -- app sync guestbook-prod)[/]");
            console.MarkupLine($"  cd {Markup.Escape(repo)} && edit examples/guestbook/overlays/dev/kustomization.yaml && git commit -am 'new tag'");
            console.MarkupLine($"  [grey]kubeconfig: {Markup.Escape(written)} (context keelson); Git repository: {Markup.Escape(repo)}[/]");
            console.WriteLine("Press Ctrl+C to stop; `keelson up` again on the same --data resumes.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.WriteLine("Stopping.");
            }
        }
        return 130;
    }

    private static async Task ApplyFileAsync(KubeClient client, string path, CancellationToken cancellationToken) =>
        await client.ApplyManifestsAsync(await File.ReadAllTextAsync(path, cancellationToken), "keelson-up", path, cancellationToken);

    /// <summary>Shows the three environments' sync and health until dev and staging are Synced and Healthy and prod awaits its sync.</summary>
    /// <returns>True when prod awaits a manual sync.</returns>
    private static async Task<bool> WaitForSeedAsync(KubeClient client, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var type = (await client.FindAsync("argoproj.io/v1alpha1", "Application", cancellationToken))!;
        var last = "";
        while (true)
        {
            var states = new List<(string Name, string Sync, string Health)>();
            foreach (var name in Applications)
            {
                var app = await client.GetAsync(type, "argocd", name, cancellationToken);
                states.Add((name, app?.GetPath("status", "sync", "status")?.ToString() ?? "-", app?.GetPath("status", "health", "status")?.ToString() ?? "-"));
            }
            var line = string.Join("   ", states.Select(s => $"{s.Name}: {s.Sync}/{s.Health}"));
            if (line != last)
            {
                console.MarkupLine($"  [grey]…[/] {Markup.Escape(line)}");
                last = line;
            }
            // prod syncs only by hand: OutOfSync on a fresh start, whatever it was last synced to on a resumed one.
            if (states[0] is { Sync: "Synced", Health: "Healthy" } && states[1] is { Sync: "Synced", Health: "Healthy" } && states[2].Sync is "OutOfSync" or "Synced")
                return states[2].Sync == "OutOfSync";
            await Task.Delay(250, cancellationToken);
        }
    }
}

using System.CommandLine;
using Keelson.Cluster;
using Keelson.Cluster.Kubelet;
using Keelson.Cluster.Storage;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Keelson.Git;
using Keelson.Resources;
using Spectre.Console;

namespace Keelson.Cli.Up;

/// <summary>
/// `keelson up`: the whole seed on one machine — the embedded cluster, a local Git repository seeded from the
/// examples, the engine, and the guestbook's three environments — until Ctrl+C. A second run on the same data resumes;
/// a second run while the first is still going is refused (one owner per data directory).
/// </summary>
public static class UpCommand
{
    /// <summary>The images the seed's manifests use, pushed to the embedded cluster's catalog so their pods pull.</summary>
    private static readonly string[] SeedImages =
    [
        "redis:7.4-alpine", "wordpress:6.8-apache", "mysql:8.4",
        // Every tag of the guestbook's own image, so a commit of a new tag deploys (the CI loop pushes them for real).
        "ghcr.io/keelson-dev/guestbook-frontend" + ImageCatalog.AnyTag,
    ];

    private static readonly string[] Applications = ["guestbook-dev", "guestbook-staging", "guestbook-prod"];

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Directory for the cluster's state, the Git repository and caches (default ~/.keelson/up)." };
        var port = new Option<int>("--port") { Description = "TCP port of the cluster on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 6443 };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Write the kubeconfig here instead of merging it into ~/.kube/config (context keelson)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "After \"Keelson is up\", print nothing until Ctrl+C (no line per sync, health change or warning)." };
        var serverPort = new Option<int>("--server-port") { Description = "HTTPS port of the web UI and API server (Argo CD's REST API) on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 8080 };
        var reset = new Option<bool>("--reset") { Description = "Start afresh: remove the data directory and the kubeconfig context of an earlier run first." };
        var command = new Command("up", "Run the whole seed on this machine: cluster, Git, engine and the guestbook in dev, staging and prod, until Ctrl+C.")
        {
            data, port, serverPort, kubeconfig, quiet, reset,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new UpData(parse.GetValue(data) ?? UpData.DefaultRoot), parse.GetValue(port), parse.GetValue(serverPort), parse.GetValue(kubeconfig),
            parse.GetValue(quiet), parse.GetValue(reset), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(UpData data, int port, int serverPort, string? kubeconfigPath, bool quiet, bool reset, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        // Redirected output (a log, a test) is not wrapped at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 4096;
        DataDirectoryLock held;
        try
        {
            held = data.Lock();
            if (reset)
            {
                foreach (var line in data.Purge(held)) console.MarkupLine($"[green]✓[/] {Markup.Escape(line)}");
                held = data.Lock();
            }
        }
        catch (DataDirectoryInUseException ex)
        {
            await Console.Error.WriteLineAsync($"keelson: {ex.Message}: stop it first (Ctrl+C where it runs, or `keelson down`), or give this one another --data DIR");
            return 1;
        }
        using (held)
        {
            int exitCode;
            try
            {
                exitCode = await RunOwnedAsync(data, port, serverPort, kubeconfigPath, quiet, console, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C while starting.
                exitCode = 130;
            }
            // 130 (Ctrl+C) once everything it started is disposed.
            if (exitCode == 130) Stopped(console, data, kubeconfigPath is null);
            return exitCode;
        }
    }

    private static async Task<int> RunOwnedAsync(UpData data, int port, int serverPort, string? kubeconfigPath, bool quiet, IAnsiConsole console, CancellationToken cancellationToken)
    {
        EmbeddedCluster cluster;
        try
        {
            cluster = await EmbeddedCluster.StartAsync(new ClusterOptions
            {
                Port = port,
                DataDirectory = data.Cluster,
                Owner = UpData.Owner,
                Simulation = new SimulationOptions { ImagePolicy = ImagePolicy.Catalog },
            }, cancellationToken: cancellationToken);
        }
        catch (DataDirectoryInUseException ex)
        {
            await Console.Error.WriteLineAsync($"keelson: {ex.Message}: stop it first, or give this one another --data DIR");
            return 1;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"keelson: cannot start the cluster: {ex.Message} (port {port} is taken? try --port 0 --data OTHER_DIR)");
            return 1;
        }
        await using (cluster)
        {
            var own = cluster.WriteKubeconfig(data.Kubeconfig);
            var written = kubeconfigPath ?? KubeconfigMerge.DefaultPath;
            string? previous = null;
            try
            {
                if (kubeconfigPath is null)
                {
                    previous = KubeconfigMerge.CurrentContext(written);
                    KubeconfigMerge.Merge(own, written);
                    data.RecordMerge(written, previous);
                    previous = data.ReadMerge()?.Previous;
                }
                else File.Copy(own, written, overwrite: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot write the kubeconfig: {ex.Message}");
                return 1;
            }
            console.MarkupLine($"[green]✓[/] Cluster serving at {cluster.BaseAddress} (state in {Markup.Escape(data.Cluster)})");
            if (kubeconfigPath is null)
                console.MarkupLine($"[green]✓[/] kubectl's current context is now [bold]{UpData.ContextName}[/] in {Markup.Escape(written)}"
                    + (previous is null ? "" : $" (it was {Markup.Escape(previous)}: `kubectl config use-context {Markup.Escape(previous)}` goes back)"));

            var catalog = ImageCatalogClient.FromKubeconfig(own);
            foreach (var image in SeedImages) await catalog.PushAsync(image, cancellationToken);
            console.MarkupLine($"[green]✓[/] Images in the cluster's catalog: {Markup.Escape(string.Join(", ", SeedImages))}");

            var repo = data.Repository;
            var created = SeedRepository.EnsureCreated(repo);
            console.MarkupLine($"[green]✓[/] Git repository {(created ? "seeded" : "found")} at {Markup.Escape(repo)}");

            using var client = KubeClient.FromKubeconfig(own);
            var options = new EngineOptions { CacheDirectory = data.GitCache };
            await using var controller = await ApplicationController.StartAsync(client, options, cancellationToken: cancellationToken);
            console.MarkupLine("[green]✓[/] Engine watching Applications in namespace argocd");
            Keelson.Server.KeelsonServer server;
            try
            {
                server = await ServerCommand.StartAsync(client, serverPort, options.ControlNamespace, cancellationToken);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot start the API server: {ex.Message} (port {serverPort} is taken? try --server-port 0)");
                return 1;
            }
            await using var serverScope = server;
            var serverUrl = ServerCommand.PublicUrl(server);
            console.MarkupLine($"[green]✓[/] Web UI and API server (Argo CD's REST API) at {serverUrl}");
            // A commit (or reset, or new branch) in the seeded repository is followed at once, not at the next poll.
            var muted = quiet;
            using var refs = RefWatcher.Start(repo, () =>
            {
                var refreshed = controller.RefreshRepository(repo);
                if (!Volatile.Read(ref muted) && refreshed.Count > 0)
                    Print(console, new AppChange.Line("git", "git", $"new commit in {repo}: refreshing {string.Join(", ", refreshed)}"));
            });

            // The seed's settings (local accounts alice, bob, carol) and RBAC, then its projects and Applications.
            foreach (var file in new[] { "argocd-cm.yaml", "argocd-rbac-cm.yaml", "projects.yaml", "guestbook-dev.yaml", "guestbook-staging.yaml", "guestbook-prod.yaml" })
                await ApplyFileAsync(client, Path.Combine(repo, "examples", "argocd-apps", file), cancellationToken);
            console.MarkupLine("[green]✓[/] Applications applied: " + string.Join(", ", Applications));

            bool prodWaiting;
            try
            {
                prodWaiting = await WaitForSeedAsync(client, console, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Volatile.Write(ref muted, true);
                console.WriteLine();
                console.WriteLine("Stopping…");
                return 130;
            }
            console.MarkupLine("[bold green]Keelson is up:[/] guestbook-dev and guestbook-staging are Synced and Healthy; guestbook-prod "
                + (prodWaiting ? "is OutOfSync, waiting for a manual sync." : "is Synced (it syncs only by hand)."));
            TryNext(console, data, kubeconfigPath is null ? null : written, serverUrl);

            await using (var monitor = quiet ? null : UpMonitor.Start(client, options.ControlNamespace, line => Print(console, line)))
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Volatile.Write(ref muted, true);
                    console.WriteLine();
                    console.WriteLine("Stopping…");
                }
            }
        }
        return 130;
    }

    private static void TryNext(IAnsiConsole console, UpData data, string? kubeconfigFlag, string serverUrl)
    {
        var keelson = Markup.Escape(CliInvocation.Command);
        var kubectlFlag = kubeconfigFlag is null ? "" : " --kubeconfig " + Markup.Escape(kubeconfigFlag);
        console.WriteLine();
        console.MarkupLine("Try next:");
        console.MarkupLine($"  kubectl get applications -n argocd{kubectlFlag}");
        console.MarkupLine($"  kubectl get pods -n guestbook-dev{kubectlFlag}");
        console.MarkupLine($"  {keelson} app sync guestbook-prod{kubectlFlag}");
        console.MarkupLine($"  open {Markup.Escape(serverUrl)} in a browser   [grey](the web UI; log in as admin, password: {keelson} admin initial-password{kubectlFlag}; the REST API is under /api/v1)[/]");
        console.MarkupLine($"  cd {Markup.Escape(data.Repository)} && sed -i 's/newTag: .*/newTag: 1.1.0/' examples/guestbook/overlays/dev/kustomization.yaml && git commit -am 'dev: frontend 1.1.0'");
        if (!CliInvocation.OnPath)
            console.MarkupLine($"  [grey]keelson is not on PATH; from the repository's root: {Markup.Escape(CliInvocation.InstallCommand)}[/]");
        console.MarkupLine("  [grey]pods are simulated: they go Running and Ready, but no process runs (kubectl logs shows a simulated log; exec and port-forward are not available)[/]");
        console.WriteLine("Press Ctrl+C to stop; `keelson up` again on the same --data resumes. What happens from now on:");
    }

    private static void Stopped(IAnsiConsole console, UpData data, bool merged)
    {
        var previous = data.ReadMerge()?.Previous;
        console.MarkupLine("[bold]Stopped[/] the engine and the cluster.");
        console.MarkupLine($"  State kept in {Markup.Escape(data.Root)}: `keelson up` resumes it; `keelson up --reset` or `keelson down --purge` removes it.");
        if (merged)
            console.MarkupLine($"  kubectl's current context is still {UpData.ContextName} (now pointing at the stopped cluster)"
                + (previous is null ? "." : $"; it was {Markup.Escape(previous)} before: kubectl config use-context {Markup.Escape(previous)}"));
    }

    /// <summary>One line of what happens: time, the Application, and the news, coloured by kind.</summary>
    private static void Print(IAnsiConsole console, AppChange.Line line)
    {
        var colour = line.Kind switch
        {
            "sync" => "green",
            "self-heal" => "yellow",
            "sync-failed" or "warning" => "red",
            "health" when line.Text.EndsWith("→ Healthy", StringComparison.Ordinal) => "green",
            "health" when line.Text.Contains("→ Degraded", StringComparison.Ordinal) || line.Text.Contains("→ Missing", StringComparison.Ordinal) => "red",
            "condition" or "status" => "yellow",
            _ => "default",
        };
        lock (console)
            console.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] [bold]{Markup.Escape(line.App)}[/] [{colour}]{Markup.Escape(line.Text)}[/]");
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

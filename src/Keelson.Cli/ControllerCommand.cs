using System.CommandLine;
using Keelson.Engine;
using Keelson.Engine.Kube;
using Keelson.Engine.Reconcile;
using Microsoft.Extensions.Logging;

namespace Keelson.Cli;

/// <summary>`keelson controller`: the GitOps engine against any cluster, through a kubeconfig.</summary>
public static class ControllerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The control cluster's kubeconfig (default: $KUBECONFIG, else ~/.kube/config, else ~/.keelson/kubeconfig)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context of the control cluster (default: its current context)." };
        var clusters = new Option<string[]>("--cluster")
        {
            Description = "Register another destination cluster by kubeconfig context (repeatable); Applications name it by the context name or its server URL.",
            AllowMultipleArgumentsPerToken = false,
        };
        var ns = new Option<string>("--namespace", "-n") { Description = "The namespace of Applications and AppProjects.", DefaultValueFactory = _ => "argocd" };
        var cache = new Option<string?>("--cache") { Description = "Where Git repositories are cached (default ~/.keelson/git)." };
        var workers = new Option<int>("--workers") { Description = "Applications reconciled in parallel.", DefaultValueFactory = _ => 8 };
        var refresh = new Option<string>("--refresh") { Description = "How often each Application looks at Git again (Go duration).", DefaultValueFactory = _ => "3m" };
        var command = new Command("controller", "Run the GitOps engine: watch Argo CD Applications and keep their destinations in Git's shape, until Ctrl+C.")
        {
            kubeconfig, context, clusters, ns, cache, workers, refresh,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(kubeconfig) ?? KubeconfigMerge.ResolveDefault();
            var interval = ApplicationReconciler.ParseDuration(parse.GetValue(refresh));
            if (interval is null || interval <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync($"keelson: --refresh {parse.GetValue(refresh)}: not a duration (e.g. 3m, 90s)");
                return 2;
            }
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            KubeClient control;
            ClusterRegistry registry;
            try
            {
                control = KubeClient.FromKubeconfig(path, parse.GetValue(context));
                registry = new ClusterRegistry(control);
                registry.AddKubeconfigContexts(path, parse.GetValue(clusters) ?? []);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or k8s.Exceptions.KubeConfigException)
            {
                await Console.Error.WriteLineAsync($"keelson: {ex.Message}");
                return 1;
            }
            var options = new EngineOptions
            {
                ControlNamespace = parse.GetValue(ns)!,
                CacheDirectory = parse.GetValue(cache) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".keelson", "git"),
                Workers = Math.Max(1, parse.GetValue(workers)),
                RefreshInterval = interval.Value,
            };
            ApplicationController controller;
            try
            {
                controller = await ApplicationController.StartAsync(control, options, registry, loggerFactory, cancellationToken);
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot reach the control cluster at {control.Server}: {ex.Message}");
                return 1;
            }
            await using (controller)
            {
                Console.WriteLine($"Keelson controller watching Applications in namespace {options.ControlNamespace} of {control.Server}");
                foreach (var c in registry.Clusters) Console.WriteLine($"  destination {c.Name} ({c.Server})");
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
            registry.Dispose();
            control.Dispose();
            return 130;
        });
        return command;
    }
}

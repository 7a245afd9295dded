using System.CommandLine;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Keelson.Cluster;
using Keelson.Cluster.Metrics;

namespace Keelson.Cli;

/// <summary>
/// `keelson cluster load DEPLOYMENT --cpu 90% [--memory 60%] [-n NS]`: sets a Deployment's simulated utilization live.
/// The load goes to the kube-system/keelson-load ConfigMap, which the metrics read before the pod template's
/// annotations: the Deployment is not changed, so its pods do not roll and a GitOps tool sees no drift.
/// </summary>
public static class ClusterLoadCommand
{
    public static Command Create()
    {
        var deployment = new Argument<string>("DEPLOYMENT") { Description = "The Deployment whose pods' load to set." };
        var cpu = new Option<string?>("--cpu") { Description = "CPU use of each container as a percentage of its request, e.g. 90%." };
        var memory = new Option<string?>("--memory") { Description = "Memory use of each container as a percentage of its request, e.g. 60%." };
        var ns = new Option<string>("--namespace", "-n") { Description = "The Deployment's namespace.", DefaultValueFactory = _ => "default" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = KubeconfigMerge.OptionDescription };
        var command = new Command("load", "Change a Deployment's simulated CPU and memory utilization live (seen by the HPA and kubectl top).")
        {
            deployment, cpu, memory, ns, kubeconfig,
        };
        command.Validators.Add(result =>
        {
            var c = result.GetValue(cpu);
            var m = result.GetValue(memory);
            if (c is null && m is null) result.AddError("Give --cpu, --memory or both.");
            if (c is not null && SimulatedMetrics.Percent(c) is null) result.AddError($"--cpu {c}: expected a percentage such as 90%.");
            if (m is not null && SimulatedMetrics.Percent(m) is null) result.AddError($"--memory {m}: expected a percentage such as 60%.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path;
            try
            {
                path = KubeconfigMerge.Require(parse.GetValue(kubeconfig));
            }
            catch (App.CliException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: {ex.Message}");
                return 1;
            }
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            var name = parse.GetValue(deployment)!;
            var namespaceName = parse.GetValue(ns)!;
            try
            {
                await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceName, cancellationToken: cancellationToken);
                var values = new Dictionary<string, string>();
                if (parse.GetValue(cpu) is { } c) values[SimulatedMetrics.LoadKey(namespaceName, name, "cpu")] = Normalize(c);
                if (parse.GetValue(memory) is { } m) values[SimulatedMetrics.LoadKey(namespaceName, name, "memory")] = Normalize(m);
                await StoreAsync(client, values, cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await Console.Error.WriteLineAsync($"keelson: deployment {namespaceName}/{name} not found");
                return 1;
            }
            catch (HttpRequestException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot reach the cluster: {ex.Message}");
                return 1;
            }
            Console.WriteLine($"deployment {namespaceName}/{name}: load set ({string.Join(", ", new[] { parse.GetValue(cpu) is { } cc ? $"cpu {Normalize(cc)}" : null, parse.GetValue(memory) is { } mm ? $"memory {Normalize(mm)}" : null }.OfType<string>())})");
            return 0;
        });
        return command;
    }

    private static string Normalize(string percent) => $"{SimulatedMetrics.Percent(percent)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}%";

    /// <summary>Merges the values into the ConfigMap, creating it on first use; retries on a concurrent change.</summary>
    private static async Task StoreAsync(Kubernetes client, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            V1ConfigMap? existing = null;
            try
            {
                existing = await client.CoreV1.ReadNamespacedConfigMapAsync(SimulationAnnotations.LoadConfigMap, SimulationAnnotations.LoadNamespace, cancellationToken: cancellationToken);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // First use.
            }
            try
            {
                if (existing is null)
                {
                    var created = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = SimulationAnnotations.LoadConfigMap, NamespaceProperty = SimulationAnnotations.LoadNamespace }, Data = values };
                    await client.CoreV1.CreateNamespacedConfigMapAsync(created, SimulationAnnotations.LoadNamespace, cancellationToken: cancellationToken);
                }
                else
                {
                    existing.Data ??= new Dictionary<string, string>();
                    foreach (var (key, value) in values) existing.Data[key] = value;
                    await client.CoreV1.ReplaceNamespacedConfigMapAsync(existing, SimulationAnnotations.LoadConfigMap, SimulationAnnotations.LoadNamespace, cancellationToken: cancellationToken);
                }
                return;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // Someone else wrote the ConfigMap meanwhile: merge again.
            }
        }
    }
}

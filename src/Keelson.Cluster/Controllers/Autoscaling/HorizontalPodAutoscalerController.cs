using Keelson.Cluster.Metrics;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Autoscaling;

/// <summary>
/// autoscaling HorizontalPodAutoscalers (v2 and v1 shapes), after kube-controller-manager's podautoscaler: every
/// <see cref="SimulationOptions.AutoscalerSyncPeriod"/> reads the target's scale, the simulated resource metrics of
/// its pods (<see cref="SimulatedMetrics"/>), proposes a replica count per metric with the Kubernetes formula
/// (<see cref="ReplicaCalculator"/>), stabilizes and rate-limits it per spec.behavior (<see cref="ScaleHistory"/>),
/// writes the target's spec.replicas, and reports status and the AbleToScale/ScalingActive/ScalingLimited conditions.
/// </summary>
internal sealed class HorizontalPodAutoscalerController(SimulationOptions options) : IController
{
    public const string Component = "horizontal-pod-autoscaler";

    public string Name => Component;

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var queue = new ReconcileQueue<NamespacedName>(client.Time);
        var reconciler = new HorizontalPodAutoscalerReconciler(client, new SimulatedMetrics(client), options);
        var hpas = client.Type("autoscaling", "v2", "horizontalpodautoscalers");
        await ControllerLoops.RunAsync(cancellationToken,
            // React at once to new and changed specs; status writes (our own) wait for the next period.
            ct => queue.FeedAsync(client.WatchAsync(hpas, null, ct), e => e.Previous is null || e.Previous.GetGeneration() != e.Object.GetGeneration()
                ? [new NamespacedName(e.Object.GetNamespaceOrDefault(), e.Object.GetNameOrEmpty())]
                : []),
            async ct =>
            {
                while (true)
                {
                    await Task.Delay(options.AutoscalerSyncPeriod, client.Time, ct);
                    foreach (var hpa in client.List(hpas)) queue.Add(new NamespacedName(hpa.GetNamespaceOrDefault(), hpa.GetNameOrEmpty()));
                }
            },
            ct => queue.RunAsync(key => reconciler.SyncAsync(key, ct), ct));
    }
}

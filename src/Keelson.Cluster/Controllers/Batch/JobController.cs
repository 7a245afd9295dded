namespace Keelson.Cluster.Controllers.Batch;

/// <summary>
/// batch/v1 Jobs, after kube-controller-manager's job controller: runs pods from the template until
/// spec.completions of them succeed (NonIndexed, or Indexed with one pod per completion index), replaces failed pods
/// with exponential backoff until spec.backoffLimit, honours activeDeadlineSeconds, suspend and
/// ttlSecondsAfterFinished, and counts finished pods through the batch.kubernetes.io/job-tracking finalizer so a
/// deleted pod is never lost or counted twice. Pods run in the simulated kubelet (see <see cref="SimulationAnnotations"/>).
/// </summary>
internal sealed class JobController(SimulationOptions options) : IController
{
    public const string Component = "job-controller";

    public string Name => Component;

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var queue = new ReconcileQueue<NamespacedName>(client.Time);
        var reconciler = new JobReconciler(client, options, queue);
        var jobs = client.Type("batch", "v1", "jobs");
        var pods = client.Type("", "v1", "pods");
        await ControllerLoops.RunAsync(cancellationToken,
            ct => queue.FeedAsync(client.WatchAsync(jobs, null, ct), e => [new NamespacedName(e.Object.GetNamespaceOrDefault(), e.Object.GetNameOrEmpty())]),
            ct => queue.FeedAsync(client.WatchAsync(pods, null, ct), e => PodFacts.ControllerRef(e.Object) is { } owner && owner["kind"]?.ToString() == "Job"
                ? [new NamespacedName(e.Object.GetNamespaceOrDefault(), owner["name"]!.ToString())]
                : []),
            ct => queue.RunAsync(key => reconciler.SyncAsync(key, ct), ct));
    }
}

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>
/// batch/v1 CronJobs, after kube-controller-manager's cronjob controller (v2): at each scheduled time creates the
/// Job "&lt;cronjob&gt;-&lt;scheduled unix minutes&gt;" from spec.jobTemplate, honouring suspend,
/// startingDeadlineSeconds and concurrencyPolicy (Allow, Forbid, Replace); tracks status.active,
/// lastScheduleTime and lastSuccessfulTime and prunes finished Jobs past the history limits. Time is the cluster's
/// <see cref="TimeProvider"/>, looked at every <see cref="SimulationOptions.CronJobPollInterval"/>.
/// </summary>
internal sealed class CronJobController(SimulationOptions options) : IController
{
    public const string Component = "cronjob-controller";

    public string Name => Component;

    public async Task RunAsync(ClusterClient client, CancellationToken cancellationToken)
    {
        var queue = new ReconcileQueue<NamespacedName>(client.Time);
        var reconciler = new CronJobReconciler(client);
        var cronJobs = client.Type("batch", "v1", "cronjobs");
        var jobs = client.Type("batch", "v1", "jobs");
        await ControllerLoops.RunAsync(cancellationToken,
            ct => queue.FeedAsync(client.WatchAsync(cronJobs, null, ct), e => [new NamespacedName(e.Object.GetNamespaceOrDefault(), e.Object.GetNameOrEmpty())]),
            ct => queue.FeedAsync(client.WatchAsync(jobs, null, ct), e => PodFacts.ControllerRef(e.Object) is { } owner && owner["kind"]?.ToString() == "CronJob"
                ? [new NamespacedName(e.Object.GetNamespaceOrDefault(), owner["name"]!.ToString())]
                : []),
            async ct =>
            {
                // Schedules come due without any watch event: look at every CronJob as the clock moves.
                while (true)
                {
                    await Task.Delay(options.CronJobPollInterval, client.Time, ct);
                    foreach (var cronJob in client.List(cronJobs)) queue.Add(new NamespacedName(cronJob.GetNamespaceOrDefault(), cronJob.GetNameOrEmpty()));
                }
            },
            ct => queue.RunAsync(key => reconciler.SyncAsync(key, ct), ct));
    }
}

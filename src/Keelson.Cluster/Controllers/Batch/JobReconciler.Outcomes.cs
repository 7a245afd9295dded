using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

internal sealed partial class JobReconciler
{
    private async Task FailAsync(JsonObject job, JsonObject status, List<JsonObject> active, JobOutcome.Failing failing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!StatusConditions.IsTrue(status, "FailureTarget"))
        {
            StatusConditions.Set(status, "FailureTarget", true, failing.Reason, failing.Message, now, probeTime: true);
            await client.Events.RecordAsync(job, "Warning", failing.Reason, failing.Message, JobController.Component, cancellationToken);
        }
        await DeletePodsAsync(job, active, cancellationToken);
        StatusConditions.Set(status, "Failed", true, failing.Reason, failing.Message, now, probeTime: true);
    }

    private async Task SucceedAsync(JsonObject job, JsonObject status, List<JsonObject> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string reason = "CompletionsReached";
        const string message = "Reached expected number of succeeded pods";
        StatusConditions.Set(status, "SuccessCriteriaMet", true, reason, message, now, probeTime: true);
        await DeletePodsAsync(job, active, cancellationToken);
        StatusConditions.Set(status, "Complete", true, reason, message, now, probeTime: true);
        status["completionTime"] = KubeTime.Format(now);
        await client.Events.RecordAsync(job, "Normal", "Completed", "Job completed", JobController.Component, cancellationToken);
    }

    private async Task SuspendAsync(JsonObject job, JsonObject status, List<JsonObject> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!StatusConditions.IsTrue(status, "Suspended"))
        {
            StatusConditions.Set(status, "Suspended", true, "JobSuspended", "Job suspended", now, probeTime: true);
            await client.Events.RecordAsync(job, "Normal", "Suspended", "Job suspended", JobController.Component, cancellationToken);
        }
        await DeletePodsAsync(job, active, cancellationToken);
        // A resumed Job starts its activeDeadlineSeconds afresh.
        status.Remove("startTime");
    }

    /// <summary>ttlSecondsAfterFinished: deletes a finished Job (and, in the foreground, its pods) once it expires.</summary>
    private async Task ExpireAsync(JsonObject job, JsonObject status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (PodFacts.IntOrNull(job.GetPath("spec", "ttlSecondsAfterFinished")) is not { } ttl || JobFacts.FinishedAt(status) is not { } finished) return;
        var expires = finished.AddSeconds(ttl);
        if (now >= expires)
        {
            await client.DeleteAsync(_jobs, job.GetNamespace(), job.GetNameOrEmpty(), "Foreground", cancellationToken);
        }
        else
        {
            queue.AddAfter(new NamespacedName(job.GetNamespaceOrDefault(), job.GetNameOrEmpty()), expires - now, cancellationToken);
        }
    }
}

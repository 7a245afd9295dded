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
    }

    private const string CompletionsReached = "CompletionsReached";
    private const string CompletionsReachedMessage = "Reached expected number of succeeded pods";

    private async Task SucceedAsync(JsonObject job, JsonObject status, List<JsonObject> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        StatusConditions.Set(status, "SuccessCriteriaMet", true, CompletionsReached, CompletionsReachedMessage, now, probeTime: true);
        await DeletePodsAsync(job, active, cancellationToken);
    }

    /// <summary>
    /// Adds the terminal condition (Complete with completionTime, or Failed) that SuccessCriteriaMet or FailureTarget
    /// announced. Called only once no pod of the Job is active or terminating, as Kubernetes 1.31+ does, so a client
    /// that waits for Complete or Failed never sees pods of the Job still going away.
    /// </summary>
    private async Task FinishAsync(JsonObject job, JsonObject status, JobOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (outcome is JobOutcome.Failing failing)
        {
            StatusConditions.Set(status, "Failed", true, failing.Reason, failing.Message, now, probeTime: true);
            return;
        }
        StatusConditions.Set(status, "Complete", true, CompletionsReached, CompletionsReachedMessage, now, probeTime: true);
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

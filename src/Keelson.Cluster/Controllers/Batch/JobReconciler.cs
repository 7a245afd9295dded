using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>One pass over one Job: count finished pods, decide the outcome, create or delete pods, write status.</summary>
internal sealed partial class JobReconciler(ClusterClient client, SimulationOptions options, ReconcileQueue<NamespacedName> queue)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(6);
    private readonly ResourceType _jobs = client.Type("batch", "v1", "jobs");
    private readonly ResourceType _pods = client.Type("", "v1", "pods");

    /// <summary>When each Job last saw a pod fail: the start of its replacement backoff.</summary>
    private readonly ConcurrentDictionary<NamespacedName, DateTimeOffset> _lastFailure = new();

    public async Task SyncAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        var job = client.Get(_jobs, key.Namespace, key.Name);
        var candidates = client.List(_pods, key.Namespace)
            .Where(p => PodFacts.ControllerRef(p) is { } r && r.GetString("kind") == "Job" && r.GetString("name") == key.Name)
            .ToList();
        if (job is null || PodFacts.IsDeleting(job))
        {
            // The Job is gone: its pods must not be held by a finalizer nobody will remove.
            await ReleaseAsync(candidates, cancellationToken);
            _lastFailure.TryRemove(key, out _);
            return;
        }
        var uid = job.GetUid();
        await ReleaseAsync(candidates.Where(p => PodFacts.ControllerRef(p)?.GetString("uid") != uid), cancellationToken);
        var pods = candidates.Where(p => PodFacts.ControllerRef(p)?.GetString("uid") == uid).ToList();
        var now = client.Time.GetUtcNow();
        var status = job["status"] as JsonObject ?? [];

        if (JobFacts.IsFinished(status))
        {
            await ReleaseAsync(pods, cancellationToken);
            await RefreshFinishedCountsAsync(job, status, pods, cancellationToken);
            await ExpireAsync(job, status, now, cancellationToken);
            return;
        }

        // Count pods that ended: first recorded as uncounted, then released, then added to the counters.
        // The pass decides from this one snapshot of the pods (as kube-controller-manager syncs from its informer's):
        // a pod that ends after it was taken still counts as active until the next pass counts it, instead of being
        // neither active nor counted and having a replacement created for it.
        job = await TrackTerminatedAsync(key, job, pods, now, cancellationToken);
        status = (JsonObject)(job["status"]?.DeepClone() ?? new JsonObject());
        var recorded = JobFacts.Uids(status.GetPath("uncountedTerminatedPods", "succeeded"));
        recorded.UnionWith(JobFacts.Uids(status.GetPath("uncountedTerminatedPods", "failed")));
        await ReleaseAsync(pods.Where(p => recorded.Contains(p.GetUid() ?? "")), cancellationToken);
        MoveUncountedToCounters(job, status, pods);

        var spec = job["spec"] as JsonObject ?? [];
        var active = pods.Where(p => !PodFacts.IsTerminal(p) && !PodFacts.IsDeleting(p)).ToList();
        var outcome = Decide(job, spec, status, active, now);
        switch (outcome)
        {
            case JobOutcome.Failing failing:
                await FailAsync(job, status, active, failing, now, cancellationToken);
                break;
            case JobOutcome.Succeeding:
                await SucceedAsync(job, status, active, now, cancellationToken);
                break;
            case JobOutcome.Suspended:
                await SuspendAsync(job, status, active, now, cancellationToken);
                break;
            default:
                active = await RunPodsAsync(key, job, spec, status, active, now, cancellationToken);
                break;
        }

        pods = client.List(_pods, key.Namespace).Where(p => PodFacts.ControllerRef(p)?.GetString("uid") == uid).ToList();
        var stillActive = pods.Where(p => !PodFacts.IsTerminal(p) && !PodFacts.IsDeleting(p)).ToList();
        var terminating = pods.Count(p => !PodFacts.IsTerminal(p) && PodFacts.IsDeleting(p));
        SetCount(status, "active", stillActive.Count, omitZero: true);
        status["ready"] = stillActive.Count(PodFacts.IsReady);
        status["terminating"] = terminating;
        SetCount(status, "succeeded", JobFacts.Succeeded(status), omitZero: true);
        SetCount(status, "failed", JobFacts.Failed(status), omitZero: true);
        status["uncountedTerminatedPods"] ??= new JsonObject();
        if (outcome is JobOutcome.Failing or JobOutcome.Succeeding && stillActive.Count + terminating == 0)
        {
            await FinishAsync(job, status, outcome, now, cancellationToken);
        }
        await WriteStatusAsync(job, status, cancellationToken);

        if (outcome is JobOutcome.Failing or JobOutcome.Succeeding && stillActive.Count + terminating > 0)
        {
            queue.AddAfter(key, TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        if (outcome is JobOutcome.Running && PodFacts.IntOrNull(spec["activeDeadlineSeconds"]) is { } deadline
            && StatusConditions.ParseTimestamp(status["startTime"]) is { } started)
        {
            queue.AddAfter(key, started.AddSeconds(deadline) - now, cancellationToken);
        }
    }

    /// <summary>
    /// A finished Job still reports its leftover pods going away: ready and terminating follow them down to zero
    /// (the pods a success or failure stopped were counted while they were still running).
    /// </summary>
    private async Task RefreshFinishedCountsAsync(JsonObject job, JsonObject status, List<JsonObject> pods, CancellationToken cancellationToken)
    {
        var stillActive = pods.Where(p => !PodFacts.IsTerminal(p) && !PodFacts.IsDeleting(p)).ToList();
        var terminating = pods.Count(p => !PodFacts.IsTerminal(p) && PodFacts.IsDeleting(p));
        var ready = stillActive.Count(PodFacts.IsReady);
        if (PodFacts.IntOrNull(status["ready"]) == ready && PodFacts.IntOrNull(status["terminating"]) == terminating
            && (PodFacts.IntOrNull(status["active"]) ?? 0) == stillActive.Count)
        {
            return;
        }
        var updated = (JsonObject)status.DeepClone();
        SetCount(updated, "active", stillActive.Count, omitZero: true);
        updated["ready"] = ready;
        updated["terminating"] = terminating;
        await WriteStatusAsync(job, updated, cancellationToken);
    }

    private abstract record JobOutcome
    {
        public sealed record Running : JobOutcome;

        public sealed record Suspended : JobOutcome;

        public sealed record Succeeding : JobOutcome;

        public sealed record Failing(string Reason, string Message) : JobOutcome;
    }

    private static JobOutcome Decide(JsonObject job, JsonObject spec, JsonObject status, List<JsonObject> active, DateTimeOffset now)
    {
        if (StatusConditions.Find(status, "FailureTarget") is { } target && target.GetString("status") == "True")
        {
            return new JobOutcome.Failing(target.GetString("reason") ?? "", target.GetString("message") ?? "");
        }
        if (StatusConditions.IsTrue(status, "SuccessCriteriaMet")) return new JobOutcome.Succeeding();
        var backoffLimit = PodFacts.Int(spec["backoffLimit"], 6);
        if (JobFacts.Failed(status) + JobFacts.UncountedFailed(status) > backoffLimit)
        {
            return new JobOutcome.Failing("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
        var suspended = PodFacts.Bool(spec["suspend"]);
        if (!suspended && PodFacts.IntOrNull(spec["activeDeadlineSeconds"]) is { } deadline
            && StatusConditions.ParseTimestamp(status["startTime"]) is { } started && now >= started.AddSeconds(deadline))
        {
            return new JobOutcome.Failing("DeadlineExceeded", "Job was active longer than specified deadline");
        }
        var completions = PodFacts.IntOrNull(spec["completions"]);
        var succeeded = JobFacts.IsIndexed(job) ? CompletedIndexes.Parse(status.GetString("completedIndexes")).Count : JobFacts.Succeeded(status);
        if (completions is { } wanted ? succeeded >= wanted : succeeded > 0 && active.Count == 0) return new JobOutcome.Succeeding();
        return suspended ? new JobOutcome.Suspended() : new JobOutcome.Running();
    }

    private static void SetCount(JsonObject status, string field, int value, bool omitZero)
    {
        if (omitZero && value == 0) status.Remove(field);
        else status[field] = value;
    }

    private async Task WriteStatusAsync(JsonObject job, JsonObject status, CancellationToken cancellationToken)
    {
        if (JsonNode.DeepEquals(job["status"], status)) return;
        var next = (JsonObject)job.DeepClone();
        next["status"] = status.DeepClone();
        await client.UpdateStatusAsync(_jobs, next, JobController.Component, cancellationToken);
    }
}

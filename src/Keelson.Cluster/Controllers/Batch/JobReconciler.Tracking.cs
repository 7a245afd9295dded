using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

internal sealed partial class JobReconciler
{
    /// <summary>
    /// Records pods that ended (or are being deleted before they ended) in status.uncountedTerminatedPods while they
    /// still hold the tracking finalizer, so that a pod deleted right after is counted exactly once.
    /// Returns the Job as stored afterwards.
    /// </summary>
    private async Task<JsonObject> TrackTerminatedAsync(NamespacedName key, JsonObject job, List<JsonObject> pods, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = (JsonObject)(job["status"]?.DeepClone() ?? new JsonObject());
        var uncounted = status.EnsureObject("uncountedTerminatedPods");
        var succeeded = JobFacts.Uids(uncounted["succeeded"]);
        var failed = JobFacts.Uids(uncounted["failed"]);
        var added = false;
        foreach (var pod in pods.Where(p => PodFacts.HasFinalizer(p, BatchKeys.TrackingFinalizer)))
        {
            var uid = pod.GetUid() ?? "";
            if (succeeded.Contains(uid) || failed.Contains(uid)) continue;
            var phase = PodFacts.Phase(pod);
            if (phase == "Succeeded")
            {
                added = succeeded.Add(uid);
            }
            else if (phase == "Failed" || PodFacts.IsDeleting(pod))
            {
                added = failed.Add(uid);
                _lastFailure[key] = now;
            }
        }
        if (!added) return job;
        SetUids(uncounted, "succeeded", succeeded);
        SetUids(uncounted, "failed", failed);
        var next = (JsonObject)job.DeepClone();
        next["status"] = status;
        return await client.UpdateStatusAsync(_jobs, next, JobController.Component, cancellationToken);
    }

    /// <summary>Adds the pods recorded as uncounted (now released) to succeeded/failed and completedIndexes.</summary>
    private static void MoveUncountedToCounters(JsonObject job, JsonObject status, List<JsonObject> pods)
    {
        if (status["uncountedTerminatedPods"] is not JsonObject uncounted) return;
        var succeeded = JobFacts.Uids(uncounted["succeeded"]);
        var failed = JobFacts.Uids(uncounted["failed"]);
        if (succeeded.Count + failed.Count == 0) return;
        status["succeeded"] = JobFacts.Succeeded(status) + succeeded.Count;
        status["failed"] = JobFacts.Failed(status) + failed.Count;
        if (JobFacts.IsIndexed(job))
        {
            var completed = CompletedIndexes.Parse(status.GetString("completedIndexes"));
            foreach (var pod in pods.Where(p => succeeded.Contains(p.GetUid() ?? "")))
            {
                if (JobFacts.CompletionIndex(pod) is { } index) completed.Add(index);
            }
            if (completed.Count > 0) status["completedIndexes"] = CompletedIndexes.Format(completed);
        }
        status["uncountedTerminatedPods"] = new JsonObject();
    }

    /// <summary>Removes the tracking finalizer (a pod being deleted then goes).</summary>
    private async Task ReleaseAsync(IEnumerable<JsonObject> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods.Where(p => PodFacts.HasFinalizer(p, BatchKeys.TrackingFinalizer)).ToList())
        {
            await client.MutateAsync(_pods, pod.GetNamespace(), pod.GetNameOrEmpty(), obj =>
            {
                if (obj.GetPath("metadata", "finalizers") is not JsonArray list) return false;
                var keep = list.Where(f => f?.ToString() != BatchKeys.TrackingFinalizer).Select(f => f!.DeepClone()).ToArray();
                if (keep.Length == list.Count) return false;
                if (keep.Length == 0) obj.Metadata().Remove("finalizers");
                else obj.Metadata()["finalizers"] = new JsonArray(keep);
                return true;
            }, cancellationToken);
        }
    }

    private static void SetUids(JsonObject uncounted, string field, HashSet<string> uids)
    {
        if (uids.Count == 0) uncounted.Remove(field);
        else uncounted[field] = new JsonArray(uids.Order(StringComparer.Ordinal).Select(u => (JsonNode?)u).ToArray());
    }
}

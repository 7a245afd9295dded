using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

internal sealed partial class JobReconciler
{
    /// <summary>Brings the active pods to what parallelism and the remaining completions ask for; returns them.</summary>
    private async Task<List<JsonObject>> RunPodsAsync(NamespacedName key, JsonObject job, JsonObject spec, JsonObject status, List<JsonObject> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (StatusConditions.IsTrue(status, "Suspended"))
        {
            StatusConditions.Set(status, "Suspended", false, "JobResumed", "Job resumed", now, probeTime: true);
            await client.Events.RecordAsync(job, "Normal", "Resumed", "Job resumed", JobController.Component, cancellationToken);
        }
        status["startTime"] ??= KubeTime.Format(now);
        var parallelism = PodFacts.Int(spec["parallelism"], 1);
        var completions = PodFacts.IntOrNull(spec["completions"]);
        List<int?> toCreate;
        if (JobFacts.IsIndexed(job) && completions is { } total)
        {
            var completed = CompletedIndexes.Parse(status.GetString("completedIndexes"));
            var running = active.Select(JobFacts.CompletionIndex).OfType<int>().ToHashSet();
            toCreate = Enumerable.Range(0, total).Where(i => !completed.Contains(i) && !running.Contains(i))
                .Take(Math.Max(0, parallelism - active.Count)).Select(i => (int?)i).ToList();
        }
        else
        {
            var succeeded = JobFacts.Succeeded(status);
            var wanted = completions is { } c ? Math.Min(parallelism, Math.Max(0, c - succeeded))
                : succeeded > 0 ? active.Count : parallelism;
            if (active.Count > wanted)
            {
                var extra = active.OrderByDescending(p => p.GetPath("metadata", "creationTimestamp")?.ToString(), StringComparer.Ordinal).Take(active.Count - wanted).ToList();
                await DeletePodsAsync(job, extra, cancellationToken);
                active = active.Except(extra).ToList();
            }
            toCreate = Enumerable.Repeat<int?>(null, Math.Max(0, wanted - active.Count)).ToList();
        }
        if (toCreate.Count == 0) return active;

        // Replacements of failed pods wait base × 2^(failures−1), at most six minutes.
        var failed = JobFacts.Failed(status);
        if (failed > 0 && _lastFailure.TryGetValue(key, out var lastFailure))
        {
            var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, options.JobBackoffBase.Ticks * (1L << Math.Min(failed - 1, 20))));
            if (now < lastFailure + delay)
            {
                queue.AddAfter(key, lastFailure + delay - now, cancellationToken);
                return active;
            }
        }
        foreach (var index in toCreate) active.Add(await CreatePodAsync(job, spec, index, cancellationToken));
        return active;
    }

    private async Task<JsonObject> CreatePodAsync(JsonObject job, JsonObject spec, int? index, CancellationToken cancellationToken)
    {
        var template = spec["template"] as JsonObject ?? [];
        var metadata = (JsonObject)(template["metadata"]?.DeepClone() ?? new JsonObject());
        metadata.Remove("creationTimestamp");
        metadata.Remove("name");
        var name = job.GetNameOrEmpty();
        metadata["generateName"] = index is { } i ? $"{name}-{i.ToString(CultureInfo.InvariantCulture)}-" : $"{name}-";
        metadata["namespace"] = job.GetNamespace();
        metadata["ownerReferences"] = new JsonArray(PodFacts.OwnerReference(job));
        metadata["finalizers"] = new JsonArray(BatchKeys.TrackingFinalizer);
        var podSpec = (JsonObject)(template["spec"]?.DeepClone() ?? new JsonObject());
        if (index is { } n)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            metadata.EnsureObject("labels")[BatchKeys.CompletionIndex] = text;
            metadata.EnsureObject("annotations")[BatchKeys.CompletionIndex] = text;
            podSpec["hostname"] ??= $"{name}-{text}";
        }
        var pod = new JsonObject { ["metadata"] = metadata, ["spec"] = podSpec };
        var created = await client.CreateAsync(_pods, pod, JobController.Component, cancellationToken);
        await client.Events.RecordAsync(job, "Normal", "SuccessfulCreate", $"Created pod: {created.GetName()}", JobController.Component, cancellationToken);
        return created;
    }

    /// <summary>Deletes pods the Job no longer wants; they are not counted as failures, so their finalizer goes at once.</summary>
    private async Task DeletePodsAsync(JsonObject job, IEnumerable<JsonObject> pods, CancellationToken cancellationToken)
    {
        foreach (var pod in pods.ToList())
        {
            if (await client.DeleteAsync(_pods, pod.GetNamespace(), pod.GetNameOrEmpty(), cancellationToken: cancellationToken))
            {
                await client.Events.RecordAsync(job, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.GetName()}", JobController.Component, cancellationToken);
            }
            await ReleaseAsync([pod], cancellationToken);
        }
    }
}

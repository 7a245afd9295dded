using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Cluster.Catalog;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Batch;

/// <summary>One pass over one CronJob: account for its Jobs, start the one now due, prune history, write status.</summary>
internal sealed class CronJobReconciler(ClusterClient client)
{
    private readonly ResourceType _cronJobs = client.Type("batch", "v1", "cronjobs");
    private readonly ResourceType _jobs = client.Type("batch", "v1", "jobs");

    public async Task SyncAsync(NamespacedName key, CancellationToken cancellationToken)
    {
        var cronJob = client.Get(_cronJobs, key.Namespace, key.Name);
        if (cronJob is null || PodFacts.IsDeleting(cronJob)) return;
        var uid = cronJob.GetUid();
        var now = client.Time.GetUtcNow();
        var status = (JsonObject)(cronJob["status"]?.DeepClone() ?? new JsonObject());
        var spec = cronJob["spec"] as JsonObject ?? [];
        var owned = client.List(_jobs, key.Namespace).Where(j => PodFacts.ControllerRef(j)?.GetString("uid") == uid).ToList();

        await AccountForJobsAsync(cronJob, status, owned, cancellationToken);
        await StartDueJobAsync(cronJob, spec, status, owned, now, cancellationToken);
        owned = client.List(_jobs, key.Namespace).Where(j => PodFacts.ControllerRef(j)?.GetString("uid") == uid).ToList();
        await PruneHistoryAsync(cronJob, spec, owned, cancellationToken);

        if (JsonNode.DeepEquals(cronJob["status"], status)) return;
        var next = (JsonObject)cronJob.DeepClone();
        next["status"] = status;
        await client.UpdateStatusAsync(_cronJobs, next, CronJobController.Component, cancellationToken);
    }

    /// <summary>status.active lists the running Jobs; a Job seen finished moves lastSuccessfulTime.</summary>
    private async Task AccountForJobsAsync(JsonObject cronJob, JsonObject status, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        var active = new JsonArray();
        var wasActive = (status["active"] as JsonArray)?.OfType<JsonObject>().Where(r => r.GetString("uid") is not null)
            .ToDictionary(r => r.GetString("uid")!, r => r) ?? [];
        foreach (var job in owned.OrderBy(j => j.GetPath("metadata", "creationTimestamp")?.ToString(), StringComparer.Ordinal))
        {
            var jobStatus = job["status"] as JsonObject;
            if (!JobFacts.IsFinished(jobStatus))
            {
                // A reference keeps the resourceVersion it was made with, as Kubernetes does.
                if (!PodFacts.IsDeleting(job)) active.Add(wasActive.TryGetValue(job.GetUid() ?? "", out var known) ? known.DeepClone() : Reference(job));
                continue;
            }
            if (StatusConditions.IsTrue(jobStatus, "Complete") && StatusConditions.ParseTimestamp(jobStatus!["completionTime"]) is { } completed
                && (StatusConditions.ParseTimestamp(status["lastSuccessfulTime"]) is not { } last || completed > last))
            {
                status["lastSuccessfulTime"] = KubeTime.Format(completed);
            }
            if (wasActive.ContainsKey(job.GetUid() ?? ""))
            {
                var condition = StatusConditions.IsTrue(jobStatus, "Complete") ? "Complete" : "Failed";
                await client.Events.RecordAsync(cronJob, "Normal", "SawCompletedJob", $"Saw completed job: {job.GetName()}, condition: {condition}", CronJobController.Component, cancellationToken);
            }
        }
        if (active.Count > 0) status["active"] = active;
        else status.Remove("active");
    }

    private async Task StartDueJobAsync(JsonObject cronJob, JsonObject spec, JsonObject status, List<JsonObject> owned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scheduleText = spec.GetString("schedule") ?? "";
        var timeZone = spec.GetString("timeZone");
        if (!CronSchedule.TryParse(scheduleText, timeZone, out var schedule, out var error))
        {
            var reason = error.StartsWith("unknown time zone", StringComparison.Ordinal) ? "UnknownTimeZone" : "UnparseableSchedule";
            await client.Events.RecordAsync(cronJob, "Warning", reason, $"unparseable schedule: \"{scheduleText}\" : {error}", CronJobController.Component, cancellationToken);
            return;
        }
        if (PodFacts.Bool(spec["suspend"])) return;

        // The most recent schedule time not yet acted on, no older than startingDeadlineSeconds allows.
        var earliest = StatusConditions.ParseTimestamp(status["lastScheduleTime"])
            ?? StatusConditions.ParseTimestamp(cronJob.GetPath("metadata", "creationTimestamp")) ?? now;
        var deadline = PodFacts.IntOrNull(spec["startingDeadlineSeconds"]);
        if (deadline is { } seconds && now.AddSeconds(-seconds) > earliest) earliest = now.AddSeconds(-seconds);
        DateTimeOffset? due = null;
        for (var t = schedule!.Next(earliest); t is { } time && time <= now; t = schedule.Next(time)) due = time;
        if (due is not { } scheduled) return;

        var active = (status["active"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        switch (spec.GetString("concurrencyPolicy"))
        {
            case "Forbid" when active.Count > 0:
                await client.Events.RecordAsync(cronJob, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", CronJobController.Component, cancellationToken);
                return;
            case "Replace":
                foreach (var running in active)
                {
                    if (await client.DeleteAsync(_jobs, cronJob.GetNamespace(), running.GetString("name") ?? "", "Background", cancellationToken))
                    {
                        await client.Events.RecordAsync(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {running.GetString("name")}", CronJobController.Component, cancellationToken);
                    }
                }
                status.Remove("active");
                break;
        }

        var name = $"{cronJob.GetName()}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";
        var job = owned.FirstOrDefault(j => j.GetName() == name);
        if (job is null)
        {
            try
            {
                job = await client.CreateAsync(_jobs, JobFromTemplate(cronJob, spec, name, scheduled), CronJobController.Component, cancellationToken);
                await client.Events.RecordAsync(cronJob, "Normal", "SuccessfulCreate", $"Created job {name}", CronJobController.Component, cancellationToken);
            }
            catch (ApiException ex) when (ex.Code == 409)
            {
                job = client.Get(_jobs, cronJob.GetNamespace(), name);
            }
        }
        if (job is not null && !JobFacts.IsFinished(job["status"] as JsonObject))
        {
            var list = status["active"] as JsonArray ?? [];
            if (!list.OfType<JsonObject>().Any(r => r.GetString("uid") == job.GetUid())) list.Add(Reference(job));
            status["active"] = list;
        }
        status["lastScheduleTime"] = KubeTime.Format(scheduled);
    }

    private static JsonObject JobFromTemplate(JsonObject cronJob, JsonObject spec, string name, DateTimeOffset scheduled)
    {
        var template = spec["jobTemplate"] as JsonObject ?? [];
        var metadata = (JsonObject)(template["metadata"]?.DeepClone() ?? new JsonObject());
        metadata.Remove("creationTimestamp");
        metadata["name"] = name;
        metadata["namespace"] = cronJob.GetNamespace();
        metadata.EnsureObject("annotations")[BatchKeys.CronJobScheduledTimestamp] = KubeTime.Format(scheduled);
        metadata["ownerReferences"] = new JsonArray(PodFacts.OwnerReference(cronJob));
        return new JsonObject { ["metadata"] = metadata, ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject() };
    }

    /// <summary>Keeps the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs.</summary>
    private async Task PruneHistoryAsync(JsonObject cronJob, JsonObject spec, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        foreach (var (condition, field, fallback) in new[] { ("Complete", "successfulJobsHistoryLimit", 3), ("Failed", "failedJobsHistoryLimit", 1) })
        {
            var limit = PodFacts.Int(spec[field], fallback);
            var finished = owned.Where(j => StatusConditions.IsTrue(j["status"] as JsonObject, condition) && !PodFacts.IsDeleting(j))
                .OrderByDescending(j => j.GetPath("status", "startTime")?.ToString() ?? j.GetPath("metadata", "creationTimestamp")?.ToString(), StringComparer.Ordinal)
                .ToList();
            foreach (var old in finished.Skip(limit))
            {
                if (await client.DeleteAsync(_jobs, old.GetNamespace(), old.GetNameOrEmpty(), "Background", cancellationToken))
                {
                    await client.Events.RecordAsync(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {old.GetName()}", CronJobController.Component, cancellationToken);
                }
            }
        }
    }

    private static JsonObject Reference(JsonObject job) => new()
    {
        ["apiVersion"] = "batch/v1",
        ["kind"] = "Job",
        ["name"] = job.GetName(),
        ["namespace"] = job.GetNamespace(),
        ["uid"] = job.GetUid(),
        ["resourceVersion"] = job.GetResourceVersion(),
    };
}

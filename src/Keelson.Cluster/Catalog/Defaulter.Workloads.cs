using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Catalog;

public static partial class Defaulter
{
    private static void Deployment(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfAbsent(spec, "replicas", 1);
        var strategy = spec.EnsureObject("strategy");
        SetIfEmpty(strategy, "type", "RollingUpdate");
        if (Str(strategy["type"]) == "RollingUpdate")
        {
            var rolling = strategy.EnsureObject("rollingUpdate");
            SetIfAbsent(rolling, "maxUnavailable", "25%");
            SetIfAbsent(rolling, "maxSurge", "25%");
        }
        SetIfAbsent(spec, "revisionHistoryLimit", 10);
        SetIfAbsent(spec, "progressDeadlineSeconds", 600);
        PodTemplate(spec["template"] as JsonObject, jobTemplate: false);
    }

    private static void ReplicaSet(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfAbsent(spec, "replicas", 1);
        PodTemplate(spec["template"] as JsonObject, jobTemplate: false);
    }

    private static void ReplicationController(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfAbsent(spec, "replicas", 1);
        // core/v1 SetDefaults_ReplicationController: selector and labels come from the template's labels.
        if (spec.GetPath("template", "metadata", "labels") is JsonObject templateLabels && templateLabels.Count > 0)
        {
            if (spec["selector"] is not JsonObject { Count: > 0 }) spec["selector"] = templateLabels.DeepClone();
            if (obj.GetPath("metadata", "labels") is not JsonObject { Count: > 0 }) obj.Metadata()["labels"] = templateLabels.DeepClone();
        }
        PodTemplate(spec["template"] as JsonObject, jobTemplate: false);
    }

    private static void StatefulSet(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfEmpty(spec, "podManagementPolicy", "OrderedReady");
        var strategy = spec.EnsureObject("updateStrategy");
        SetIfEmpty(strategy, "type", "RollingUpdate");
        if (Str(strategy["type"]) == "RollingUpdate")
        {
            var rolling = strategy.EnsureObject("rollingUpdate");
            SetIfAbsent(rolling, "partition", 0);
        }
        var retention = spec.EnsureObject("persistentVolumeClaimRetentionPolicy");
        SetIfEmpty(retention, "whenDeleted", "Retain");
        SetIfEmpty(retention, "whenScaled", "Retain");
        SetIfAbsent(spec, "replicas", 1);
        SetIfAbsent(spec, "revisionHistoryLimit", 10);
        foreach (var claim in Items(spec["volumeClaimTemplates"]))
        {
            // Embedded claims are full PersistentVolumeClaims and get their defaults, kind and apiVersion included.
            SetIfAbsent(claim, "apiVersion", "v1");
            SetIfAbsent(claim, "kind", "PersistentVolumeClaim");
            ZeroCreationTimestamp(claim);
            PersistentVolumeClaim(claim);
        }
        PodTemplate(spec["template"] as JsonObject, jobTemplate: false);
    }

    private static void DaemonSet(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        var strategy = spec.EnsureObject("updateStrategy");
        SetIfEmpty(strategy, "type", "RollingUpdate");
        if (Str(strategy["type"]) == "RollingUpdate")
        {
            var rolling = strategy.EnsureObject("rollingUpdate");
            SetIfAbsent(rolling, "maxUnavailable", 1);
            SetIfAbsent(rolling, "maxSurge", 0);
        }
        SetIfAbsent(spec, "revisionHistoryLimit", 10);
        PodTemplate(spec["template"] as JsonObject, jobTemplate: false);
    }

    private static void Job(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        if (spec["completions"] is null && spec["parallelism"] is null) spec["completions"] = 1;
        SetIfAbsent(spec, "parallelism", 1);
        SetIfAbsent(spec, "backoffLimit", spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue);
        SetIfEmpty(spec, "completionMode", "NonIndexed");
        SetIfAbsent(spec, "suspend", false);
        if (spec["podFailurePolicy"] is JsonObject pfp)
        {
            foreach (var rule in Items(pfp["rules"]))
                foreach (var pattern in Items(rule["onPodConditions"])) SetIfEmpty(pattern, "status", "True");
        }
        SetIfEmpty(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        if (spec.GetPath("template", "metadata", "labels") is JsonObject labels && labels.Count > 0 &&
            obj.GetPath("metadata", "labels") is not JsonObject { Count: > 0 })
        {
            obj.Metadata()["labels"] = labels.DeepClone();
        }
        PodTemplate(spec["template"] as JsonObject, jobTemplate: true);
    }

    /// <summary>
    /// What the Job create strategy does once the Job has its uid (unless spec.manualSelector): labels the pod template
    /// with the controller uid and job name and selects on the uid. Job labels left empty are later filled from the
    /// template labels by <see cref="Apply"/>, as the apiserver's defaulting on read does.
    /// </summary>
    public static void GenerateJobSelector(JsonObject job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.EnsureObject("spec");
        if (spec["manualSelector"] is JsonValue manual && manual.TryGetValue<bool>(out var m) && m) return;
        var uid = job.GetUid();
        var name = job.GetName();
        if (uid is null || name is null) return;
        var templateMeta = spec.EnsureObject("template").EnsureObject("metadata");
        var labels = templateMeta.EnsureObject("labels");
        // Decoding defaulted the Job's labels from the template's before the selector was generated.
        if (labels.Count > 0 && job.GetPath("metadata", "labels") is not JsonObject { Count: > 0 }) job.Metadata()["labels"] = labels.DeepClone();
        labels["batch.kubernetes.io/controller-uid"] = uid;
        labels["batch.kubernetes.io/job-name"] = name;
        labels["controller-uid"] = uid;
        labels["job-name"] = name;
        spec["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["batch.kubernetes.io/controller-uid"] = uid } };
    }

    private static void CronJob(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfEmpty(spec, "concurrencyPolicy", "Allow");
        SetIfAbsent(spec, "suspend", false);
        SetIfAbsent(spec, "successfulJobsHistoryLimit", 3);
        SetIfAbsent(spec, "failedJobsHistoryLimit", 1);
        // Only SetDefaults_CronJob and the PodSpec defaults reach the job template; the Job's own defaults apply when a Job is created.
        if (spec["jobTemplate"] is JsonObject jobTemplate) ZeroCreationTimestamp(jobTemplate);
        PodTemplate(spec.GetPath("jobTemplate", "spec", "template") as JsonObject, jobTemplate: true);
    }

    private static void HorizontalPodAutoscaler(string version, JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfAbsent(spec, "minReplicas", 1);
        if (version != "v2") return;
        if (spec["metrics"] is not JsonArray { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80 },
                },
            });
        }
        // Behavior is defaulted only when given: then each missing direction gets the controller's defaults.
        if (spec["behavior"] is JsonObject behavior)
        {
            var up = behavior.EnsureObject("scaleUp");
            SetIfAbsent(up, "stabilizationWindowSeconds", 0);
            SetIfEmpty(up, "selectPolicy", "Max");
            SetIfAbsent(up, "policies", new JsonArray(
                new JsonObject { ["type"] = "Pods", ["value"] = 4, ["periodSeconds"] = 15 },
                new JsonObject { ["type"] = "Percent", ["value"] = 100, ["periodSeconds"] = 15 }));
            var down = behavior.EnsureObject("scaleDown");
            SetIfEmpty(down, "selectPolicy", "Max");
            SetIfAbsent(down, "policies", new JsonArray(new JsonObject { ["type"] = "Percent", ["value"] = 100, ["periodSeconds"] = 15 }));
        }
    }
}

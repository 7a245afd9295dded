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

    private static void CronJob(JsonObject obj)
    {
        var spec = obj.EnsureObject("spec");
        SetIfEmpty(spec, "concurrencyPolicy", "Allow");
        SetIfAbsent(spec, "suspend", false);
        SetIfAbsent(spec, "successfulJobsHistoryLimit", 3);
        SetIfAbsent(spec, "failedJobsHistoryLimit", 1);
        // Only SetDefaults_CronJob and the PodSpec defaults reach the job template; the Job's own defaults apply when a Job is created.
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

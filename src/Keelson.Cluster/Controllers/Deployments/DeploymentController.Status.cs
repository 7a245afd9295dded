using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    /// <summary>The status the ReplicaSets add up to, with the Available condition (calculateStatus).</summary>
    private JsonObject CalculateStatus(Rollout rollout)
    {
        var d = rollout.Deployment;
        var all = rollout.All.ToList();
        var available = all.Sum(rs => Spec.Status(rs, "availableReplicas"));
        var total = all.Sum(Spec.Replicas);
        var status = new JsonObject
        {
            ["observedGeneration"] = d.GetGeneration(),
            ["replicas"] = all.Sum(rs => Spec.Status(rs, "replicas")),
            ["updatedReplicas"] = rollout.New is null ? 0 : Spec.Status(rollout.New, "replicas"),
            ["readyReplicas"] = all.Sum(rs => Spec.Status(rs, "readyReplicas")),
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, total - available),
        };
        if (d.GetPath("status", "conditions") is JsonArray conditions) status["conditions"] = conditions.DeepClone();
        if (d.GetPath("status", "collisionCount") is { } collisions) status["collisionCount"] = collisions.DeepClone();
        if (available >= Spec.Replicas(d) - Spec.MaxUnavailable(d))
        {
            Conditions.Set(status, Conditions.Make(Client.Time, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
        }
        else
        {
            Conditions.Set(status, Conditions.Make(Client.Time, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
        }
        return status;
    }

    /// <summary>Writes the status for a paused or scaling sync, without judging progress (syncDeploymentStatus).</summary>
    private Task SyncStatusAsync(Rollout rollout, CancellationToken cancellationToken) =>
        WriteStatusAsync(rollout, CalculateStatus(rollout), cancellationToken);

    /// <summary>Writes the status and judges progress against the deadline (syncRolloutStatus).</summary>
    private async Task SyncRolloutStatusAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var d = rollout.Deployment;
        var status = CalculateStatus(rollout);
        var deadline = Spec.ProgressDeadline(d);
        if (deadline is null) Conditions.Remove(status, "Progressing");
        var current = Conditions.Find(d, "Progressing");
        var complete = Int(status, "replicas") == Int(status, "updatedReplicas") && current?.GetString("reason") == "NewReplicaSetAvailable";
        if (deadline is not null && !complete && rollout.New is { } newRs)
        {
            if (IsComplete(d, status))
            {
                Conditions.Set(status, Conditions.Make(Client.Time, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{newRs.GetName()}\" has successfully progressed."));
            }
            else if (IsProgressing(d, status))
            {
                var condition = Conditions.Make(Client.Time, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{newRs.GetName()}\" is progressing.");
                // Progress refreshes lastUpdateTime even when the reason stays; the transition time stays while True.
                if (current is not null)
                {
                    if (current.GetString("status") == "True") condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
                    Conditions.Remove(status, "Progressing");
                }
                Conditions.Set(status, condition);
            }
            else if (IsTimedOut(status, deadline.Value))
            {
                Conditions.Set(status, Conditions.Make(Client.Time, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs.GetName()}\" has timed out progressing."));
            }
        }
        if (!await WriteStatusAsync(rollout, status, cancellationToken)) RequeueStuck(d, status, deadline);
    }

    /// <summary>A rollout still in progress is looked at again when its deadline passes (requeueStuckDeployment).</summary>
    private void RequeueStuck(JsonObject d, JsonObject status, int? deadline)
    {
        var condition = Conditions.InStatus(status, "Progressing");
        if (deadline is null || condition is null || condition.GetString("reason") is "NewReplicaSetAvailable" or "ProgressDeadlineExceeded") return;
        if (IsComplete(d, status)) return;
        if (!DateTimeOffset.TryParse(condition.GetString("lastUpdateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var updated)) return;
        var after = updated.AddSeconds(deadline.Value) - Client.Time.GetUtcNow();
        Queue.AddAfter(WorkQueue.Key(d.GetNamespace(), d.GetName()!), after < TimeSpan.FromSeconds(1) ? TimeSpan.FromMilliseconds(200) : after + TimeSpan.FromSeconds(1), Stopping);
    }

    private static bool IsComplete(JsonObject d, JsonObject status)
    {
        var replicas = Spec.Replicas(d);
        return Int(status, "updatedReplicas") == replicas && Int(status, "replicas") == replicas
            && Int(status, "availableReplicas") == replicas && Int(status, "observedGeneration") >= d.GetGeneration();
    }

    private static bool IsProgressing(JsonObject d, JsonObject status)
    {
        var old = d["status"] as JsonObject ?? new JsonObject();
        var oldOld = Int(old, "replicas") - Int(old, "updatedReplicas");
        var newOld = Int(status, "replicas") - Int(status, "updatedReplicas");
        return Int(status, "updatedReplicas") > Int(old, "updatedReplicas") || newOld < oldOld
            || Int(status, "readyReplicas") > Int(old, "readyReplicas") || Int(status, "availableReplicas") > Int(old, "availableReplicas");
    }

    private bool IsTimedOut(JsonObject status, int deadline)
    {
        var condition = Conditions.InStatus(status, "Progressing");
        if (condition is null || condition.GetString("reason") == "NewReplicaSetAvailable") return false;
        if (condition.GetString("reason") == "ProgressDeadlineExceeded") return true;
        if (!DateTimeOffset.TryParse(condition.GetString("lastUpdateTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)) return false;
        return from.AddSeconds(deadline) < Client.Time.GetUtcNow();
    }

    /// <summary>Writes a condition on its own (e.g. NewReplicaSetCreated), keeping the rest of the status.</summary>
    private async Task WriteConditionAsync(Rollout rollout, JsonObject condition, CancellationToken cancellationToken)
    {
        var status = (JsonObject)(rollout.Deployment["status"]?.DeepClone() ?? new JsonObject());
        Conditions.Set(status, condition);
        await WriteStatusAsync(rollout, status, cancellationToken);
    }

    /// <summary>Writes the status when it differs (zero counts left out, as Kubernetes serialises them); false when unchanged.</summary>
    private async Task<bool> WriteStatusAsync(Rollout rollout, JsonObject status, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas", "collisionCount" })
        {
            if (Numbers.Int(status[key]) == 0) status.Remove(key);
        }
        if (JsonNode.DeepEquals(status, rollout.StoredStatus)) return false;
        var copy = (JsonObject)rollout.Deployment.DeepClone();
        copy["status"] = status;
        rollout.Deployment = await Client.UpdateStatusAsync(DeploymentType, copy, Component, cancellationToken);
        rollout.StoredStatus = rollout.Deployment["status"]?.DeepClone();
        _deployments.Upsert(rollout.Deployment);
        return true;
    }

    private static int Int(JsonObject status, string key) => Spec.Int(status[key]) ?? 0;
}

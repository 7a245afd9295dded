using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.StatefulSets;

internal sealed partial class StatefulSetController
{
    private async Task UpdateStatusAsync(JsonObject set, List<JsonObject> pods, JsonObject current, JsonObject update, CancellationToken cancellationToken)
    {
        var now = Client.Time.GetUtcNow();
        var minReady = Numbers.Int(set.GetPath("spec", "minReadySeconds")) ?? 0;
        var live = pods.Where(p => p.GetPath("metadata", "deletionTimestamp") is null).ToList();
        var replicas = live.Count;
        var ready = live.Count(p => PodState.IsRunning(p) && PodState.IsReady(p));
        var updated = live.Count(p => RevisionOf(p) == update.GetName());
        var currentReplicas = live.Count(p => RevisionOf(p) == current.GetName());
        var currentName = current.GetName();
        // A finished rolling update makes the update revision current (completeRollingUpdate).
        var rolling = set.GetPath("spec", "updateStrategy", "type")?.ToString() != "OnDelete";
        if (rolling && updated == replicas && ready == replicas && replicas == Replicas(set))
        {
            currentName = update.GetName();
            currentReplicas = updated;
        }
        var status = new JsonObject
        {
            ["observedGeneration"] = set.GetGeneration(),
            ["replicas"] = replicas,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = currentReplicas,
            ["updatedReplicas"] = updated,
            ["currentRevision"] = currentName,
            ["updateRevision"] = update.GetName(),
            ["collisionCount"] = Numbers.Int(set.GetPath("status", "collisionCount")) ?? 0,
            ["availableReplicas"] = live.Count(p => PodState.IsRunning(p) && PodState.IsAvailable(p, minReady, now)),
        };
        foreach (var key in new[] { "readyReplicas", "currentReplicas", "updatedReplicas" })
        {
            if (Numbers.Int(status[key]) == 0) status.Remove(key);
        }
        if (set.GetPath("status", "conditions") is JsonArray conditions) status["conditions"] = conditions.DeepClone();
        if (JsonNode.DeepEquals(status, set["status"])) return;
        var copy = (JsonObject)set.DeepClone();
        copy["status"] = status;
        _sets.Upsert(await Client.UpdateStatusAsync(SetType, copy, Component, cancellationToken));
    }
}

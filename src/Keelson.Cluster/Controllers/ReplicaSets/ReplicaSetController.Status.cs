using System.Text.Json.Nodes;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.ReplicaSets;

internal sealed partial class ReplicaSetController
{
    private async Task UpdateStatusAsync(JsonObject rs, List<JsonObject> pods, CancellationToken cancellationToken)
    {
        var now = Client.Time.GetUtcNow();
        var minReady = Numbers.Int(rs.GetPath("spec", "minReadySeconds")) ?? 0;
        var templateLabels = (rs.GetPath("spec", "template", "metadata", "labels") as JsonObject)?
            .ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") ?? [];
        var fullyLabeled = pods.Count(p =>
        {
            var labels = p.GetLabels();
            return templateLabels.All(t => labels.TryGetValue(t.Key, out var v) && v == t.Value);
        });
        var ready = pods.Count(PodState.IsReady);
        var available = pods.Count(p => PodState.IsAvailable(p, minReady, now));

        var status = new JsonObject
        {
            ["replicas"] = pods.Count,
            ["fullyLabeledReplicas"] = fullyLabeled,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["observedGeneration"] = rs.GetGeneration(),
        };
        if (rs.GetPath("status", "conditions") is JsonArray conditions) status["conditions"] = conditions.DeepClone();
        // Kubernetes leaves zero counts out of the serialized status.
        foreach (var key in new[] { "fullyLabeledReplicas", "readyReplicas", "availableReplicas" })
        {
            if (Numbers.Int(status[key]) == 0) status.Remove(key);
        }
        if (!JsonNode.DeepEquals(status, rs["status"]))
        {
            var updated = (JsonObject)rs.DeepClone();
            updated["status"] = status;
            _replicaSets.Upsert(await Client.UpdateStatusAsync(ReplicaSetType, updated, Component, cancellationToken));
        }
        // Pods ready but not yet available become available later: look again then.
        if (minReady > 0 && ready > available) Queue.AddAfter(WorkQueue.Key(rs.GetNamespace(), rs.GetName()!), TimeSpan.FromSeconds(minReady), Stopping);
    }
}

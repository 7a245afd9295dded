using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.DaemonSets;

internal sealed partial class DaemonSetController
{
    private async Task UpdateStatusAsync(JsonObject set, List<JsonObject> pods, HashSet<string> eligible, string hash, CancellationToken cancellationToken)
    {
        var now = Client.Time.GetUtcNow();
        var minReady = Numbers.Int(set.GetPath("spec", "minReadySeconds")) ?? 0;
        var scheduled = pods.Where(p => TargetNode(p) is { } n && eligible.Contains(n)).GroupBy(TargetNode).Select(g => g.First()).ToList();
        var available = scheduled.Count(p => PodState.IsAvailable(p, minReady, now));
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = scheduled.Count,
            ["numberMisscheduled"] = pods.Count(p => TargetNode(p) is not { } n || !eligible.Contains(n)),
            ["desiredNumberScheduled"] = eligible.Count,
            ["numberReady"] = scheduled.Count(PodState.IsReady),
            ["observedGeneration"] = set.GetGeneration(),
            ["updatedNumberScheduled"] = scheduled.Count(p => p.GetLabels().TryGetValue(WorkloadKeys.ControllerRevisionHash, out var h) && h == hash),
            ["numberAvailable"] = available,
            ["numberUnavailable"] = eligible.Count - available,
        };
        foreach (var key in new[] { "updatedNumberScheduled", "numberAvailable", "numberUnavailable" })
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

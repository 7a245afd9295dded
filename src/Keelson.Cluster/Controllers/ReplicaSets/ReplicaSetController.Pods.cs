using System.Text.Json.Nodes;
using Keelson.Cluster.Api;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.ReplicaSets;

internal sealed partial class ReplicaSetController
{
    /// <summary>Creates pods in growing batches (1, 2, 4 …) as the replica set controller's slow start; stops at the first failure.</summary>
    private async Task<List<JsonObject>> CreatePodsAsync(JsonObject rs, int count, CancellationToken cancellationToken)
    {
        var created = new List<JsonObject>();
        var batch = 1;
        while (created.Count < count && Client.IsLive(ReplicaSetType, rs))
        {
            var size = Math.Min(batch, count - created.Count);
            var results = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => CreatePodAsync(rs, cancellationToken)));
            var failure = results.FirstOrDefault(r => r.Error is not null).Error;
            foreach (var (pod, _) in results)
            {
                if (pod is null) continue;
                _pods.Upsert(pod);
                created.Add(pod);
                await Client.Events.RecordAsync(rs, "Normal", "SuccessfulCreate", $"Created pod: {pod.GetName()}", Component, cancellationToken);
            }
            if (failure is not null)
            {
                await Client.Events.RecordAsync(rs, "Warning", "FailedCreate", $"Error creating: {failure.Message}", Component, cancellationToken);
                throw failure;
            }
            batch *= 2;
        }
        return created;
    }

    private async Task<(JsonObject? Pod, Exception? Error)> CreatePodAsync(JsonObject rs, CancellationToken cancellationToken)
    {
        try
        {
            return (await Client.CreateAsync(PodType, PodTemplates.NewPod(rs, rs.GetPath("spec", "template") as JsonObject), Component, cancellationToken), null);
        }
        catch (ApiException ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Deletes the <paramref name="count"/> least useful pods and returns those that remain.</summary>
    private async Task<List<JsonObject>> DeletePodsAsync(JsonObject rs, List<JsonObject> pods, int count, CancellationToken cancellationToken)
    {
        var ranked = pods.OrderBy(p => p, DeletionOrder.Instance).ToList();
        var victims = ranked.Take(count).ToList();
        await Task.WhenAll(victims.Select(async pod =>
        {
            _pods.Forget(pod);
            if (await Client.DeleteAsync(PodType, pod.GetNamespace(), pod.GetName()!, cancellationToken: cancellationToken))
            {
                await Client.Events.RecordAsync(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.GetName()}", Component, cancellationToken);
            }
        }));
        return ranked.Skip(count).ToList();
    }
}

using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Keelson.Resources.Selection;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.ReplicaSets;

/// <summary>
/// Keeps spec.replicas pods of a ReplicaSet's template alive, as pkg/controller/replicaset: creates the missing ones
/// (named from the ReplicaSet, controlled by it), deletes the surplus (least useful first), and reports replicas,
/// fullyLabeledReplicas, readyReplicas, availableReplicas (minReadySeconds) and observedGeneration. Orphaned pods that
/// match the selector are not adopted.
/// </summary>
internal sealed partial class ReplicaSetController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "replicaset-controller";

    private Informer _replicaSets = null!;
    private Informer _pods = null!;

    public override string Name => Component;

    protected override int Workers => 8;

    private ResourceType ReplicaSetType => _replicaSets.Type;

    private ResourceType PodType => _pods.Type;

    protected override IReadOnlyList<Informer> Start()
    {
        _replicaSets = SharedInformer("apps", "v1", "replicasets");
        _pods = SharedInformer("", "v1", "pods");
        _replicaSets.OnChange(Name, (before, after) =>
        {
            var rs = after ?? before!;
            Queue.Add(WorkQueue.Key(rs.GetNamespace(), rs.GetName()!));
        });
        _pods.OnChange(Name, (before, after) =>
        {
            var pod = after ?? before!;
            if (Informer.ControllerUid(pod) is null) return;
            if (pod.GetPath("metadata", "ownerReferences") is JsonArray refs
                && refs.OfType<JsonObject>().FirstOrDefault(r => r.GetString("kind") == "ReplicaSet" && r["controller"]?.GetValue<bool>() == true) is { } owner)
            {
                Queue.Add(WorkQueue.Key(pod.GetNamespace(), owner.GetString("name")!));
            }
        });
        return [_replicaSets, _pods];
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var rs = _replicaSets.Get(ns, name);
        // The cache may lag behind a deletion that has begun: create no pods for a ReplicaSet on its way out.
        if (rs is null || rs.GetPath("metadata", "deletionTimestamp") is not null || !Client.IsLive(ReplicaSetType, rs)) return;
        var selector = LabelSelector.FromJson(rs.GetPath("spec", "selector") as JsonObject);
        var pods = _pods.ByOwner(rs.GetUid()!).Where(p => PodState.IsActive(p) && selector.Matches(p.GetLabels())).ToList();
        var replicas = Numbers.Int(rs.GetPath("spec", "replicas")) ?? 1;

        if (pods.Count < replicas) pods.AddRange(await CreatePodsAsync(rs, replicas - pods.Count, cancellationToken));
        else if (pods.Count > replicas) pods = await DeletePodsAsync(rs, pods, pods.Count - replicas, cancellationToken);

        await UpdateStatusAsync(rs, pods, cancellationToken);
    }
}

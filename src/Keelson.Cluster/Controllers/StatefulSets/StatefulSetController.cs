using System.Globalization;
using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.StatefulSets;

/// <summary>
/// Runs StatefulSets as pkg/controller/statefulset: pods <c>&lt;set&gt;-0 … n-1</c> with stable names, created in
/// order and each waiting for the previous to be Running and Ready (OrderedReady) or all at once (Parallel), removed
/// from the highest ordinal; PersistentVolumeClaims <c>&lt;claim&gt;-&lt;set&gt;-&lt;ordinal&gt;</c> from
/// volumeClaimTemplates; ControllerRevisions whose names label the pods (controller-revision-hash); RollingUpdate from
/// the highest ordinal down to the partition, one pod at a time; OnDelete leaves pods alone. Status reports replicas,
/// readyReplicas, currentReplicas, updatedReplicas, availableReplicas, current/updateRevision and collisionCount.
/// </summary>
internal sealed partial class StatefulSetController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "statefulset-controller";

    private Informer _sets = null!;
    private Informer _pods = null!;
    private Informer _revisions = null!;

    public override string Name => Component;

    private ResourceType SetType => _sets.Type;

    private ResourceType PodType => _pods.Type;

    private ResourceType RevisionType => _revisions.Type;

    protected override IReadOnlyList<Informer> Start()
    {
        _sets = SharedInformer("apps", "v1", "statefulsets");
        _pods = SharedInformer("", "v1", "pods");
        _revisions = SharedInformer("apps", "v1", "controllerrevisions");
        _sets.OnChange(Name, (before, after) =>
        {
            var set = after ?? before!;
            Queue.Add(WorkQueue.Key(set.GetNamespace(), set.GetName()!));
        });
        _pods.OnChange(Name, (before, after) => EnqueueOwner(after ?? before!));
        _revisions.OnChange(Name, (before, after) => EnqueueOwner(after ?? before!));
        return [_sets, _pods, _revisions];
    }

    private void EnqueueOwner(JsonObject obj)
    {
        if (obj.GetPath("metadata", "ownerReferences") is JsonArray refs
            && refs.OfType<JsonObject>().FirstOrDefault(r => r.GetString("kind") == "StatefulSet" && r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController) is { } owner)
        {
            Queue.Add(WorkQueue.Key(obj.GetNamespace(), owner.GetString("name")!));
        }
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var set = _sets.Get(ns, name);
        if (set is null || set.GetPath("metadata", "deletionTimestamp") is not null) return;
        var (current, update) = await SyncRevisionsAsync(set, cancellationToken);
        var pods = _pods.ByOwner(set.GetUid()!);
        pods = await ReconcilePodsAsync(set, pods, current, update, cancellationToken);
        await UpdateStatusAsync(set, pods, current, update, cancellationToken);
        await TruncateHistoryAsync(set, pods, current, update, cancellationToken);
    }

    /// <summary>The ordinal in a pod's name (<c>&lt;set&gt;-&lt;ordinal&gt;</c>), or -1.</summary>
    private static int Ordinal(JsonObject set, JsonObject pod)
    {
        var prefix = set.GetName() + "-";
        var name = pod.GetName()!;
        return name.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    private static int Replicas(JsonObject set) => Numbers.Int(set.GetPath("spec", "replicas")) ?? 1;

    private static bool IsHealthy(JsonObject pod) => PodState.IsRunning(pod) && PodState.IsReady(pod) && pod.GetPath("metadata", "deletionTimestamp") is null;

    private static string? RevisionOf(JsonObject pod) => pod.GetLabels().TryGetValue(WorkloadKeys.ControllerRevisionHash, out var r) ? r : null;
}

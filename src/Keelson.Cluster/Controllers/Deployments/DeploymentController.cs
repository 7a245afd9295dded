using System.Text.Json.Nodes;
using Keelson.Cluster.Catalog;
using Keelson.Cluster.Controllers.Informers;
using Keelson.Resources;
using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers.Deployments;

/// <summary>
/// Rolls Deployments out through ReplicaSets as pkg/controller/deployment does: one ReplicaSet per pod template
/// (<c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>), RollingUpdate within maxSurge and maxUnavailable or Recreate,
/// revisions and their history in annotations (so `kubectl rollout history` and `rollout undo` work), scaling
/// (proportional while a rollout is under way), pausing, revisionHistoryLimit, and the status and conditions
/// (Available, Progressing with its deadline) that `kubectl rollout status` and health checks read.
/// </summary>
internal sealed partial class DeploymentController(SharedInformers informers, ILogger logger) : QueueController(informers, logger)
{
    public const string Component = "deployment-controller";

    private Informer _deployments = null!;
    private Informer _replicaSets = null!;

    public override string Name => Component;

    protected override int Workers => 8;

    private ResourceType DeploymentType => _deployments.Type;

    private ResourceType ReplicaSetType => _replicaSets.Type;

    protected override IReadOnlyList<Informer> Start()
    {
        _deployments = SharedInformer("apps", "v1", "deployments");
        _replicaSets = SharedInformer("apps", "v1", "replicasets");
        _deployments.OnChange(Name, (before, after) =>
        {
            var d = after ?? before!;
            Queue.Add(WorkQueue.Key(d.GetNamespace(), d.GetName()!));
        });
        _replicaSets.OnChange(Name, (before, after) =>
        {
            var rs = after ?? before!;
            if (rs.GetPath("metadata", "ownerReferences") is JsonArray refs
                && refs.OfType<JsonObject>().FirstOrDefault(r => r.GetString("kind") == "Deployment" && r["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController) is { } owner)
            {
                Queue.Add(WorkQueue.Key(rs.GetNamespace(), owner.GetString("name")!));
            }
        });
        return [_deployments, _replicaSets];
    }

    protected override async Task SyncAsync(string? ns, string name, CancellationToken cancellationToken)
    {
        var d = _deployments.Get(ns, name);
        // The cache may lag behind a deletion that has begun: create no ReplicaSets for a Deployment on its way out.
        if (d is null || d.GetPath("metadata", "deletionTimestamp") is not null || !Client.IsLive(DeploymentType, d)) return;
        var owned = _replicaSets.ByOwner(d.GetUid()!).Where(rs => rs.GetPath("metadata", "deletionTimestamp") is null).ToList();

        d = await CheckPausedConditionsAsync(d, cancellationToken);
        if (Spec.Paused(d) || IsScalingEvent(d, owned))
        {
            await SyncScaleAsync(d, owned, cancellationToken);
            return;
        }
        if (Spec.IsRecreate(d)) await RolloutRecreateAsync(d, owned, cancellationToken);
        else await RolloutRollingAsync(d, owned, cancellationToken);
    }

    /// <summary>A change of spec.replicas alone: some active ReplicaSet was sized for another replica count.</summary>
    private static bool IsScalingEvent(JsonObject d, List<JsonObject> owned)
    {
        var (newRs, oldRss) = Split(d, owned);
        var replicas = Spec.Replicas(d);
        foreach (var rs in oldRss.Append(newRs))
        {
            if (rs is null || Spec.Replicas(rs) == 0) continue;
            if (Annotations.Int(rs, WorkloadKeys.DesiredReplicas) is { } desired && desired != replicas) return true;
        }
        return false;
    }

    /// <summary>The ReplicaSet whose template is the Deployment's (the oldest if several), and the others.</summary>
    private static (JsonObject? New, List<JsonObject> Old) Split(JsonObject d, List<JsonObject> owned)
    {
        var template = d.GetPath("spec", "template");
        var newRs = owned.Where(rs => Spec.EqualIgnoringHash(rs.GetPath("spec", "template"), template))
            .OrderBy(PodState.Created).ThenBy(rs => rs.GetName(), StringComparer.Ordinal).FirstOrDefault();
        return (newRs, owned.Where(rs => !ReferenceEquals(rs, newRs)).ToList());
    }
}

using System.Text.Json.Nodes;

namespace Keelson.Cluster.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    /// <summary>
    /// One step of a rolling update (rolloutRolling): grow the new ReplicaSet within maxSurge, else shrink the old ones
    /// within maxUnavailable, else (once complete) clean up history; then report status.
    /// </summary>
    private async Task RolloutRollingAsync(JsonObject d, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        var rollout = await LoadAsync(d, owned, create: true, cancellationToken);
        if (await ReconcileNewAsync(rollout, cancellationToken) || await ReconcileOldAsync(rollout, cancellationToken))
        {
            await SyncRolloutStatusAsync(rollout, cancellationToken);
            return;
        }
        var status = CalculateStatus(rollout);
        if (IsComplete(rollout.Deployment, status)) await CleanupAsync(rollout, cancellationToken);
        await SyncRolloutStatusAsync(rollout, cancellationToken);
    }

    private async Task<bool> ReconcileNewAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var newRs = rollout.New!;
        var replicas = Spec.Replicas(rollout.Deployment);
        var current = Spec.Replicas(newRs);
        if (current == replicas) return false;
        if (current > replicas) return await ScaleAsync(rollout, newRs, replicas, cancellationToken);
        return await ScaleAsync(rollout, newRs, NewReplicaSetReplicas(rollout.Deployment, rollout.All, newRs), cancellationToken);
    }

    /// <summary>Scales old ReplicaSets down as far as availability allows (reconcileOldReplicaSets).</summary>
    private async Task<bool> ReconcileOldAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var d = rollout.Deployment;
        if (rollout.Old.Sum(Spec.Replicas) == 0) return false;
        var all = rollout.All.Sum(Spec.Replicas);
        var minAvailable = Spec.Replicas(d) - Spec.MaxUnavailable(d);
        var newUnavailable = rollout.New is null ? 0 : Spec.Replicas(rollout.New) - Spec.Status(rollout.New, "availableReplicas");
        var maxScaledDown = all - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        // First the old pods that are not available anyway: removing them costs no availability.
        var cleaned = 0;
        foreach (var rs in rollout.Old.OrderBy(PodState.Created).ToList())
        {
            if (cleaned >= maxScaledDown) break;
            var size = Spec.Replicas(rs);
            var unhealthy = size - Spec.Status(rs, "availableReplicas");
            if (size == 0 || unhealthy <= 0) continue;
            var count = Math.Min(maxScaledDown - cleaned, unhealthy);
            await ScaleAsync(rollout, rs, size - count, cancellationToken);
            cleaned += count;
        }

        // Then available old pods, as long as enough pods stay available.
        var available = rollout.All.Sum(rs => Spec.Status(rs, "availableReplicas"));
        var scaledDown = 0;
        if (available > minAvailable)
        {
            var total = available - minAvailable;
            foreach (var rs in rollout.Old.OrderBy(PodState.Created).ToList())
            {
                if (scaledDown >= total) break;
                var size = Spec.Replicas(rs);
                if (size == 0) continue;
                var count = Math.Min(size, total - scaledDown);
                await ScaleAsync(rollout, rs, size - count, cancellationToken);
                scaledDown += count;
            }
        }
        return cleaned + scaledDown > 0;
    }

    /// <summary>
    /// Recreate (rolloutRecreate): old ReplicaSets to zero, wait until their pods are gone, then create or scale the new one.
    /// </summary>
    private async Task RolloutRecreateAsync(JsonObject d, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        var rollout = await LoadAsync(d, owned, create: false, cancellationToken);
        var scaledDown = false;
        foreach (var rs in rollout.Old.Where(rs => Spec.Replicas(rs) > 0).ToList())
        {
            scaledDown |= await ScaleAsync(rollout, rs, 0, cancellationToken);
        }
        if (scaledDown || rollout.Old.Any(rs => Spec.Status(rs, "replicas") > 0))
        {
            await SyncRolloutStatusAsync(rollout, cancellationToken);
            return;
        }
        if (rollout.New is null)
        {
            var created = await LoadAsync(rollout.Deployment, [.. rollout.Old], create: true, cancellationToken);
            rollout = created;
        }
        await ScaleAsync(rollout, rollout.New!, Spec.Replicas(rollout.Deployment), cancellationToken);
        if (IsComplete(rollout.Deployment, CalculateStatus(rollout))) await CleanupAsync(rollout, cancellationToken);
        await SyncRolloutStatusAsync(rollout, cancellationToken);
    }
}

using System.Text.Json.Nodes;
using Keelson.Resources;

namespace Keelson.Cluster.Controllers.Deployments;

internal sealed partial class DeploymentController
{
    /// <summary>
    /// Marks a paused Deployment's Progressing condition DeploymentPaused, and DeploymentResumed once unpaused
    /// (checkPausedConditions), so a paused rollout does not run into its deadline.
    /// </summary>
    private async Task<JsonObject> CheckPausedConditionsAsync(JsonObject d, CancellationToken cancellationToken)
    {
        if (Spec.ProgressDeadline(d) is null) return d;
        var reason = Conditions.Find(d, "Progressing")?.GetString("reason");
        JsonObject? condition = null;
        if (Spec.Paused(d) && reason != "DeploymentPaused")
            condition = Conditions.Make(Client.Time, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
        else if (!Spec.Paused(d) && reason == "DeploymentPaused")
            condition = Conditions.Make(Client.Time, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed");
        if (condition is null) return d;
        var rollout = new Rollout(d, null, []);
        await WriteConditionAsync(rollout, condition, cancellationToken);
        return rollout.Deployment;
    }

    /// <summary>A paused Deployment, or a change of replicas alone: resize without rolling (sync).</summary>
    private async Task SyncScaleAsync(JsonObject d, List<JsonObject> owned, CancellationToken cancellationToken)
    {
        var rollout = await LoadAsync(d, owned, create: false, cancellationToken);
        await ScaleReplicaSetsAsync(rollout, cancellationToken);
        if (Spec.Paused(rollout.Deployment)) await CleanupAsync(rollout, cancellationToken);
        await SyncStatusAsync(rollout, cancellationToken);
    }

    /// <summary>
    /// Resizes to spec.replicas (scale): a single active ReplicaSet takes it all; a saturated new one lets the old go
    /// to zero; during a rolling update the difference is spread over the active ReplicaSets in proportion to their size.
    /// </summary>
    private async Task ScaleReplicaSetsAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var d = rollout.Deployment;
        var replicas = Spec.Replicas(d);
        var active = rollout.All.Where(rs => Spec.Replicas(rs) > 0).ToList();
        JsonObject? target = active.Count switch
        {
            0 => rollout.New ?? rollout.Old.OrderByDescending(PodState.Created).FirstOrDefault(),
            1 => active[0],
            _ => null,
        };
        if (target is not null)
        {
            await ScaleAsync(rollout, target, replicas, cancellationToken);
            return;
        }
        if (rollout.New is { } newRs && Spec.Replicas(newRs) == replicas && Annotations.Int(newRs, WorkloadKeys.DesiredReplicas) == replicas
            && Spec.Status(newRs, "availableReplicas") == replicas)
        {
            foreach (var rs in rollout.Old.Where(rs => Spec.Replicas(rs) > 0).ToList()) await ScaleAsync(rollout, rs, 0, cancellationToken);
            return;
        }
        if (Spec.IsRecreate(d)) return;

        var current = active.Sum(Spec.Replicas);
        var allowed = replicas > 0 ? replicas + Spec.MaxSurge(d) : 0;
        var toAdd = allowed - current;
        // Largest first (newest first among equals) when growing, smallest first when shrinking.
        var ordered = toAdd > 0
            ? active.OrderByDescending(Spec.Replicas).ThenByDescending(PodState.Created).ToList()
            : active.OrderBy(Spec.Replicas).ThenByDescending(PodState.Created).ToList();
        var sizes = ordered.ToDictionary(rs => rs.GetName()!, Spec.Replicas, StringComparer.Ordinal);
        var added = 0;
        foreach (var rs in ordered)
        {
            var share = (int)Math.Round((double)toAdd * Spec.Replicas(rs) / Math.Max(current, 1), MidpointRounding.ToZero);
            if (toAdd < 0) share = Math.Max(share, -Spec.Replicas(rs));
            sizes[rs.GetName()!] += share;
            added += share;
        }
        if (ordered.Count > 0)
        {
            var first = ordered[0].GetName()!;
            sizes[first] = Math.Max(0, sizes[first] + toAdd - added);
        }
        foreach (var rs in ordered) await ScaleAsync(rollout, rs, sizes[rs.GetName()!], cancellationToken);
    }
}
